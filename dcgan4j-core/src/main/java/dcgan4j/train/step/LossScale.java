package dcgan4j.train.step;

import java.util.Map;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Dynamic loss scaling for fp16, as PyTorch's {@code GradScaler} does it (its C++ kernels are not in
 * the bindings; these are the same few tensor ops): the loss is multiplied by a power of two before
 * backward so that small gradients survive float16, the gradients are divided by it again before the
 * optimizer sees them, and a step whose gradients overflowed is skipped and the scale halved; after
 * {@value #GROWTH_INTERVAL} good steps it doubles. Powers of two make scaling and unscaling exact.
 *
 * <p>Off ({@link #OFF}, fp32 and bf16) it changes nothing and reads nothing from the device. On, the
 * overflow check is one device read per update: the step must know before it applies the gradients.
 */
final class LossScale {
    static final double INITIAL = 65536;
    static final int GROWTH_INTERVAL = 2000;
    private static final String SCALE = "scaler.scale";
    private static final String GOOD_STEPS = "scaler.good_steps";

    private final boolean on;
    private double scale;
    private long goodSteps;

    private LossScale(boolean on) {
        this.on = on;
        this.scale = on ? INITIAL : 1;
    }

    static LossScale off() {
        return new LossScale(false);
    }

    static LossScale dynamic() {
        return new LossScale(true);
    }

    /** Backward of {@code loss}, scaled. */
    void backward(Tensor loss) {
        (on ? loss.mul(new Scalar(scale)) : loss).backward();
    }

    /**
     * Divides the gradients by the scale, in place, and says whether they are all finite, adjusting
     * the scale for the steps to come: false means skip this update.
     */
    boolean unscale(TensorVector parameters) {
        if (!on) {
            return true;
        }
        TensorVector finite = new TensorVector();
        for (long i = 0; i < parameters.size(); i++) {
            Tensor grad = parameters.get(i).grad();
            if (grad.defined()) {
                grad.mul_(new Scalar(1 / scale));
                finite.push_back(grad.isfinite().all());
            }
        }
        boolean ok = finite.size() == 0 || torch.stack(finite).all().item_bool();
        if (!ok) {
            scale /= 2;
            goodSteps = 0;
        } else if (++goodSteps == GROWTH_INTERVAL) {
            scale *= 2;
            goodSteps = 0;
        }
        return ok;
    }

    double scale() {
        return scale;
    }

    /** The scale and its count of good steps, when on (nothing otherwise: fp32 checkpoints stay as they were). */
    void saveInto(Map<String, Tensor> state) {
        if (on) {
            state.put(SCALE, torch.scalar_tensor(new Scalar(scale)));
            state.put(GOOD_STEPS, torch.scalar_tensor(new Scalar(goodSteps)));
        }
    }

    /** Takes the scale back out of a saved state, removing its entries; a state without them keeps the initial scale. */
    void restoreFrom(Map<String, Tensor> state) {
        Tensor s = state.remove(SCALE);
        Tensor g = state.remove(GOOD_STEPS);
        if (on && s != null && g != null) {
            scale = s.item_double();
            goodSteps = g.item_long();
        }
    }
}
