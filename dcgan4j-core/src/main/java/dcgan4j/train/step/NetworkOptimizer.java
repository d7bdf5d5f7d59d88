package dcgan4j.train.step;

import dcgan4j.torch.OptimizerState;
import dcgan4j.torch.Tensors;
import dcgan4j.train.config.OptimizerChoice;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * One network's libtorch optimizer with what an {@link OptimizerChoice} adds around its step: gradient
 * value clipping and Keras' time-based learning-rate decay; and, for fp16, the {@link LossScale} around
 * backward and step. With none of them it is the bare optimizer.
 */
final class NetworkOptimizer implements AutoCloseable {
    private final Optimizer optimizer;
    private final TensorVector parameters;
    private final double lr;
    private final OptimizerChoice choice;
    private final LossScale lossScale;

    NetworkOptimizer(
            TensorVector parameters,
            double lr,
            double beta1,
            double beta2,
            OptimizerChoice choice,
            LossScale lossScale) {
        this.optimizer = Optimizers.of(choice.kind(), parameters, lr, beta1, beta2);
        this.parameters = parameters;
        this.lr = lr;
        this.choice = choice;
        this.lossScale = lossScale;
    }

    void zeroGrad() {
        optimizer.zero_grad();
    }

    /** Gradients of {@code loss} for this network's parameters (added to those already there). */
    void backward(Tensor loss) {
        lossScale.backward(loss);
    }

    /**
     * Applies the gradients; {@code update} counts this optimizer's updates from 0 (for the decay). An
     * fp16 update whose gradients overflowed is skipped.
     */
    void step(long update) {
        if (!lossScale.unscale(parameters)) {
            return;
        }
        if (choice.clipValue() > 0) {
            torch.clip_grad_value_(parameters, choice.clipValue());
        }
        if (choice.decay() > 0) {
            optimizer.param_groups().get(0).options().set_lr(lr / (1 + choice.decay() * update));
        }
        optimizer.step();
    }

    /** The learning rate of the latest step (the configured one until a decay lowers it). */
    double learningRate() {
        return optimizer.param_groups().get(0).options().get_lr();
    }

    /** The per-parameter state ({@link OptimizerState}). */
    Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>(OptimizerState.export(optimizer));
        lossScale.saveInto(state);
        return state;
    }

    /** Puts a {@link #state()} back; saved on any device, it is moved to the parameters' device. */
    void restore(Map<String, Tensor> state) {
        Map<String, Tensor> saved = new LinkedHashMap<>(state);
        lossScale.restoreFrom(saved);
        org.bytedeco.pytorch.Device device = parameters.get(0).device();
        Map<String, Tensor> onDevice = new LinkedHashMap<>();
        saved.forEach((name, t) -> onDevice.put(name, t.to(device, Tensors.dtype(t))));
        OptimizerState.restore(optimizer, onDevice);
    }

    @Override
    public void close() {
        optimizer.close();
    }
}
