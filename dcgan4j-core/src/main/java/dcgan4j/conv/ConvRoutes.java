package dcgan4j.conv;

import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Tensors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which kernel computes each convolution shape, decided on this machine by {@link KernelCheck}: the
 * first kernel, in order of preference, that agrees with float64 in the arithmetic the layer runs in.
 * Each shape, precision and device is checked once per process, before its first use (a training run
 * checks all its layers up front); a kernel passed over is reported in one warning line.
 *
 * <p>Native kernels are never trusted unchecked: the oneDNN inside libtorch 2.10 is right on most
 * processors and wrong on a few shapes on others ({@link Kernels}), and nothing but a comparison on the
 * machine itself tells which.
 */
public final class ConvRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConvRoutes.class);
    private static final ConvRoutes STANDARD = new ConvRoutes(List.of(Kernels.values()), true);

    private final List<ConvKernel> kernels;
    private final boolean checked;
    private final Map<Key, LayerCheck> decided = new ConcurrentHashMap<>();

    private record Key(ConvShape shape, Precision precision, Device device) {}

    /**
     * Routes that check {@code kernels}, in order of preference (a kernel is tried only for the shapes
     * it {@linkplain ConvKernel#handles handles}); the first must handle every shape or be followed by
     * one that does.
     */
    public ConvRoutes(List<? extends ConvKernel> kernels) {
        this(kernels, true);
    }

    private ConvRoutes(List<? extends ConvKernel> kernels, boolean checked) {
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("no convolution kernel given");
        }
        this.kernels = List.copyOf(kernels);
        this.checked = checked;
    }

    /** dcgan4j's kernels, checked: what every network uses unless it is given others. */
    public static ConvRoutes standard() {
        return STANDARD;
    }

    /**
     * Every layer computed by {@code kernel} and nothing checked — how dcgan4j computed before it checked
     * (with {@link Kernels#LIBTORCH}); for measuring the checks against, never for results.
     */
    public static ConvRoutes trusting(ConvKernel kernel) {
        return new ConvRoutes(List.of(kernel), false);
    }

    /**
     * The layer's output: float64 through libtorch's own op (the reference), anything else through the
     * kernel checked for the shape in the arithmetic in force — autocast's 16-bit type when autocast is
     * on for the input's device, else the input's type.
     *
     * @throws KernelFaultException when no kernel computes the shape right
     */
    public Tensor apply(ConvShape shape, Tensor input, Tensor weight, Tensor bias) {
        Device device = Device.of(input);
        Precision precision = arithmetic(input, device);
        ConvKernel kernel = precision == null ? Kernels.LIBTORCH : choose(shape, precision, device).chosen();
        return kernel.apply(shape, input, weight, bias);
    }

    /**
     * Checks every shape in float32, and in {@code precision} as well when it is a 16-bit one; each
     * shape once per process.
     *
     * @return one check per shape and arithmetic, in order
     * @throws KernelFaultException for the first shape no kernel computes right
     */
    public List<LayerCheck> check(Collection<ConvShape> shapes, Precision precision, Device device) {
        List<LayerCheck> checks = new ArrayList<>();
        for (Precision p : precision == Precision.FP32 ? List.of(Precision.FP32) : List.of(Precision.FP32, precision)) {
            for (ConvShape shape : shapes) {
                checks.add(choose(shape, p, device));
            }
        }
        return checks;
    }

    /** Measures every kernel that handles {@code shape}, whatever the outcome: the doctor's table. */
    public LayerCheck measureAll(ConvShape shape, Precision precision, Device device) {
        return measure(shape, precision, device, true);
    }

    private LayerCheck choose(ConvShape shape, Precision precision, Device device) {
        LayerCheck check = decided.computeIfAbsent(new Key(shape, precision, device), k -> decide(shape, precision, device));
        if (check.chosen() == null) {
            throw new KernelFaultException(check);
        }
        return check;
    }

    private LayerCheck decide(ConvShape shape, Precision precision, Device device) {
        if (!checked) {
            return new LayerCheck(shape, precision, List.of(), kernels.get(0));
        }
        LayerCheck result = measure(shape, precision, device, false);
        if (result.chosen() != null && result.fellBack()) {
            LOG.warn(result.warning());
        }
        return result;
    }

    /** Tries the kernels in order, up to the first that is right, or all of them. */
    private LayerCheck measure(ConvShape shape, Precision precision, Device device, boolean all) {
        List<KernelError> tried = new ArrayList<>();
        ConvKernel chosen = null;
        try (var check = new KernelCheck(shape, device)) {
            for (ConvKernel kernel : kernels) {
                if (kernel.handles(shape) && (all || chosen == null)) {
                    KernelError e = check.measure(kernel, precision);
                    tried.add(e);
                    if (chosen == null && e.within(KernelCheck.tolerance(precision))) {
                        chosen = kernel;
                    }
                }
            }
        }
        return new LayerCheck(shape, precision, tried, chosen);
    }

    /** The arithmetic a convolution of {@code input} runs in; null for float64, the reference. */
    private static Precision arithmetic(Tensor input, Device device) {
        ScalarType type = torch.is_autocast_enabled(device.type()) ? torch.get_autocast_dtype(device.type()).intern()
                : Tensors.dtype(input);
        return switch (type) {
            case Double -> null;
            case BFloat16 -> Precision.BF16;
            case Half -> Precision.FP16;
            default -> Precision.FP32;
        };
    }
}
