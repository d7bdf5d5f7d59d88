package dcgan4j.train;

import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.AdamOptions;
import org.bytedeco.pytorch.TensorVector;

/** libtorch optimizers built from plain Java values, with the bindings' traps handled. */
public final class Optimizers {
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
}
