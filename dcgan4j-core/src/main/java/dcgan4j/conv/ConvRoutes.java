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
 * processors and wrong on others ({@link Kernels}), and nothing but a comparison on the machine itself
 * tells which. Where it is caught wrong on any layer, even one computed otherwise, it is not used for
 * any convolution of the process: on AMD Zen 5 its kernels for other shapes were right in one process
 * and wrong in the next, and right at one batch size and wrong at another, which a check on a small
 * batch cannot vouch for. libtorch then runs its own native kernels, slower and right.
 */
public final class ConvRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ConvRoutes.class);
    private static final ConvRoutes STANDARD = undecided();

    private final List<ConvKernel> kernels;
    private final boolean checked;
    /** The kernel that runs oneDNN, measured on every shape; null where oneDNN is not at stake (tests). */
    private final ConvKernel oneDnn;

    private final Map<Key, LayerCheck> decided = new ConcurrentHashMap<>();

    private record Key(ConvShape shape, Precision precision, Device device) {}

    /**
     * Routes that check {@code kernels}, in order of preference (a kernel is tried only for the shapes
     * it {@linkplain ConvKernel#handles handles}); the first must handle every shape or be followed by
     * one that does.
     */
    public ConvRoutes(List<? extends ConvKernel> kernels) {
        this(kernels, true, null);
    }

    private ConvRoutes(List<? extends ConvKernel> kernels, boolean checked, ConvKernel oneDnn) {
        if (kernels.isEmpty()) {
            throw new IllegalArgumentException("no convolution kernel given");
        }
        this.kernels = List.copyOf(kernels);
        this.checked = checked;
        this.oneDnn = oneDnn;
    }

    /** dcgan4j's kernels, checked: what every network uses unless it is given others. */
    public static ConvRoutes standard() {
        return STANDARD;
    }

    /** The standard routes' kernels and rules with no decision made yet, for timing the check afresh. */
    public static ConvRoutes undecided() {
        return new ConvRoutes(List.of(Kernels.values()), true, Kernels.LIBTORCH);
    }

    /**
     * Every layer computed by {@code kernel} and nothing checked — how dcgan4j computed before it checked
     * (with {@link Kernels#LIBTORCH}); for measuring the checks against, never for results.
     */
    public static ConvRoutes trusting(ConvKernel kernel) {
        return new ConvRoutes(List.of(kernel), false, null);
    }

    /** Whether libtorch may run oneDNN's convolutions in this process (no check has caught them wrong). */
    public static boolean oneDnnInUse() {
        return torch.globalContext().userEnabledMkldnn();
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
        ConvKernel kernel = precision == null
                ? Kernels.LIBTORCH
                : choose(shape, precision, device).chosen();
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

    /** Measures every kernel that handles {@code shape}, whatever the outcome, deciding nothing: the doctor's table. */
    public LayerCheck measureAll(ConvShape shape, Precision precision, Device device) {
        return measure(shape, precision, device, true);
    }

    private LayerCheck choose(ConvShape shape, Precision precision, Device device) {
        Key key = new Key(shape, precision, device);
        LayerCheck check = decided.get(key);
        if (check == null) {
            check = decide(key);
        }
        if (check.chosen() == null) {
            throw new KernelFaultException(check);
        }
        return check;
    }

    private synchronized LayerCheck decide(Key key) {
        LayerCheck result = decided.get(key);
        if (result != null) {
            return result;
        }
        if (!checked) {
            result = new LayerCheck(key.shape(), key.precision(), List.of(), kernels.get(0));
        } else {
            result = measure(key.shape(), key.precision(), key.device(), false);
            if (oneDnnCaughtWrong(result, key.device())) {
                LOG.warn(
                        "{}: not using oneDNN's convolutions in this process; libtorch's native kernels instead",
                        result.failuresOf(oneDnn));
                torch.globalContext().setUserEnabledMkldnn(false);
                decided.clear(); // what was decided with oneDNN is decided again without it
                result = measure(key.shape(), key.precision(), key.device(), false);
            }
            if (result.chosen() != null && result.fellBack()) {
                LOG.warn(result.warning());
            }
        }
        decided.put(key, result);
        return result;
    }

    private boolean oneDnnCaughtWrong(LayerCheck check, Device device) {
        return oneDnn != null
                && !device.cuda()
                && oneDnnInUse()
                && check.errorOf(oneDnn).map(e -> !e.within(check.tolerance())).orElse(false);
    }

    /**
     * Tries the kernels in order, up to the first that is right, or all of them; the oneDNN kernel is
     * measured on every shape, also where another is preferred, as the test of oneDNN on this machine.
     */
    private LayerCheck measure(ConvShape shape, Precision precision, Device device, boolean all) {
        List<KernelError> tried = new ArrayList<>();
        ConvKernel chosen = null;
        try (var check = new KernelCheck(shape, device)) {
            for (ConvKernel kernel : kernels) {
                boolean probe = kernel == oneDnn && oneDnnInUse() && !device.cuda();
                if (kernel.handles(shape) && (all || chosen == null || probe)) {
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
        ScalarType type = torch.is_autocast_enabled(device.type())
                ? torch.get_autocast_dtype(device.type()).intern()
                : Tensors.dtype(input);
        return switch (type) {
            case Double -> null;
            case BFloat16 -> Precision.BF16;
            case Half -> Precision.FP16;
            default -> Precision.FP32;
        };
    }
}
