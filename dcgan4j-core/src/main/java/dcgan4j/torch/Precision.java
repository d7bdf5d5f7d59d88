package dcgan4j.torch;

import java.util.Locale;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The arithmetic of the forward passes, through libtorch's autocast: with {@link #BF16} or {@link #FP16}
 * the ops autocast lists as lower-precision-safe (convolutions, transposed convolutions, matrix
 * products) run in 16 bits while everything else — losses, BatchNorm's statistics and parameters,
 * the weights themselves, gradients and optimizer state — stays float32. Weights are therefore
 * saved in float32 whatever the precision, and load into any network.
 *
 * <p>Autocast is switched per thread and per device type; {@link #autocast} returns the scope that
 * switches it on and, when closed, back to what it was — clearing autocast's cache of 16-bit weight
 * copies, which are stale after the next optimizer step.
 */
public enum Precision {
    /** float32 throughout: autocast stays off, the results are exactly those of code without it. */
    FP32(null),
    /** bfloat16 convolutions: float32's range with 8 bits of mantissa, so no loss scaling is needed. */
    BF16(ScalarType.BFloat16),
    /** float16 convolutions: needs loss scaling against underflowing gradients; CUDA only. */
    FP16(ScalarType.Half);

    private final ScalarType lowered;

    Precision(ScalarType lowered) {
        this.lowered = lowered;
    }

    /** Autocast on for one device type until {@link #close}; nests. */
    public static final class Autocast implements AutoCloseable {
        private final org.bytedeco.pytorch.global.torch.DeviceType type;
        private final boolean wasEnabled;
        private final ScalarType wasDtype;
        private final boolean active;

        private Autocast(Device device, ScalarType dtype) {
            this.type = device.type();
            this.active = dtype != null;
            this.wasEnabled = active && torch.is_autocast_enabled(type);
            this.wasDtype = active ? torch.get_autocast_dtype(type) : null;
            if (active) {
                torch.set_autocast_enabled(type, true);
                torch.set_autocast_dtype(type, dtype);
                torch.increment_nesting();
            }
        }

        @Override
        public void close() {
            if (!active) {
                return;
            }
            if (torch.decrement_nesting() == 0) {
                torch.clear_cache();
            }
            torch.set_autocast_enabled(type, wasEnabled);
            torch.set_autocast_dtype(type, wasDtype);
        }
    }

    /**
     * The precision a name means: {@code fp32}, {@code bf16} or {@code fp16}, in any case.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Precision parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("precision must be fp32, bf16 or fp16, got '" + name + "'", e);
        }
    }

    /**
     * Checks that this precision can run on {@code device}.
     *
     * @throws IllegalArgumentException for fp16 on the CPU (no gradient scaling there)
     */
    public void checkSupported(Device device) {
        if (this == FP16 && !device.cuda()) {
            throw new IllegalArgumentException("fp16 precision needs a CUDA device; on the CPU use bf16");
        }
    }

    /** The 16-bit type of the lowered ops, or null for {@link #FP32}. */
    public ScalarType lowered() {
        return lowered;
    }

    /** Whether gradients must be scaled against underflow ({@link #FP16}). */
    public boolean scalesLoss() {
        return this == FP16;
    }

    /** Autocast for the forward passes that follow, on {@code device}'s type; a no-op scope for {@link #FP32}. */
    public Autocast autocast(Device device) {
        Torch.load();
        return new Autocast(device, lowered);
    }

    /** As written in configurations: {@code fp32}, {@code bf16}, {@code fp16}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
