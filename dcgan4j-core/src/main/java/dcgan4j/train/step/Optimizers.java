package dcgan4j.train.step;

import dcgan4j.train.config.OptimizerChoice;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.RMSprop;
import org.bytedeco.pytorch.RMSpropOptions;
import org.bytedeco.pytorch.TensorVector;

/** libtorch optimizers built from plain Java values, with the bindings' traps handled. */
public final class Optimizers {
    /** Keras' RMSprop ρ and ε (libtorch's defaults are 0.99 and 1e-8); its update is libtorch's otherwise. */
    static final double KERAS_RHO = 0.9;

    static final double KERAS_EPSILON = 1e-7;

    private Optimizers() {}

    /**
     * libtorch's Adam. Its {@code betas} is a {@code std::tuple<double, double>}, which libstdc++ lays
     * out last element first: through the bindings' {@code DoublePointer} index 0 is β2 and index 1 is β1.
     */
    public static Adam adam(TensorVector parameters, double lr, double beta1, double beta2) {
        AdamOptions options = new AdamOptions(lr);
        options.betas().put(new double[] {beta2, beta1});
        return new Adam(parameters, options);
    }

    /** libtorch's RMSprop with Keras' ρ and ε, as the Keras MNIST article trains with. */
    public static RMSprop rmsprop(TensorVector parameters, double lr) {
        RMSpropOptions options = new RMSpropOptions(lr);
        options.alpha().put(KERAS_RHO);
        options.eps().put(KERAS_EPSILON);
        return new RMSprop(parameters, options);
    }

    /** The optimizer {@code choice} names; betas apply to Adam only. */
    static Optimizer of(OptimizerChoice.Kind kind, TensorVector parameters, double lr, double beta1, double beta2) {
        return kind == OptimizerChoice.Kind.RMSPROP ? rmsprop(parameters, lr) : adam(parameters, lr, beta1, beta2);
    }
}
