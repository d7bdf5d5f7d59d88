package dcgan4j.conv;

import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.AutoGradMode;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Runs one convolution shape forward and backward on a small random batch, in float64 with libtorch's
 * own op — the reference: oneDNN computes no float64, so libtorch's plain CPU code does — and with a
 * kernel in float32 or 16 bits, and reports how far apart they are. The inputs come from a generator of
 * its own, so a check draws nothing from the random numbers a run is made of.
 */
public final class KernelCheck implements AutoCloseable {
    /** Small enough to cost little, large enough that oneDNN takes its batched code paths. */
    static final int BATCH = 8;
    private static final long SEED = 1511_06434L;     // the paper's arXiv number

    private final ConvShape shape;
    private final Device device;
    private final PointerScope scope = new PointerScope();
    private final Tensor input;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor gradient;
    private final Tensor[] reference;

    /** Draws the inputs and computes the float64 reference, on {@code device}. */
    public KernelCheck(ConvShape shape, Device device) {
        this.shape = shape;
        this.device = device;
        try (var gradMode = new AutoGradMode(true); Generator rng = torch.createCPUGenerator(SEED)) {
            input = normal(rng, 1, BATCH, shape.in(), shape.inputSide(), shape.inputSide());
            weight = normal(rng, 1 / Math.sqrt(shape.in() * shape.kernel() * shape.kernel()), shape.weightShape());
            bias = shape.bias() ? normal(rng, 1, shape.out()) : null;
            int side = shape.outputSide();
            gradient = normal(rng, 1, BATCH, shape.out(), side, side);
            reference = run(Kernels.LIBTORCH, null);
        }
    }

    /**
     * The largest relative error a kernel may show and still count as right: float32 is within a few
     * units of its last place of float64 (1e-6 here; the faults seen are 0.2 and more); the 16-bit
     * types round every input to 8 or 11 bits of mantissa (bf16 measured within 8e-3, fp16 within 1e-3).
     */
    public static double tolerance(Precision precision) {
        return switch (precision) {
            case FP32 -> 1e-4;
            case BF16 -> 3e-2;
            case FP16 -> 1e-2;
        };
    }

    /** How far {@code kernel} in {@code precision} is from the float64 reference. */
    public KernelError measure(ConvKernel kernel, Precision precision) {
        try (var local = new PointerScope(); var gradMode = new AutoGradMode(true)) {
            Tensor[] got = run(kernel, precision);
            return new KernelError(kernel, error(got[0], reference[0]), error(got[1], reference[1]),
                    error(got[2], reference[2]));
        }
    }

    /**
     * The output and the gradients of input and weight, as float64. In a 16-bit precision the float32
     * leaves are cast first, as autocast casts them; autocast itself is held off meanwhile, so that a
     * check started from inside a forward pass computes what it means to.
     */
    private Tensor[] run(ConvKernel kernel, Precision precision) {
        ScalarType leaf = precision == null ? ScalarType.Double : ScalarType.Float;
        Tensor x = input.detach().to(leaf).requires_grad_(true);      // fresh leaves, whose gradients are kept
        Tensor w = weight.detach().to(leaf).requires_grad_(true);
        Tensor b = bias == null ? null : bias.detach().to(leaf).requires_grad_(true);
        Tensor y;
        boolean autocast = torch.is_autocast_enabled(device.type());
        torch.set_autocast_enabled(device.type(), false);
        try {
            ScalarType lowered = precision == null ? null : precision.lowered();
            y = lowered == null ? kernel.apply(shape, x, w, b)
                    : kernel.apply(shape, x.to(lowered), w.to(lowered), b == null ? null : b.to(lowered));
        } finally {
            torch.set_autocast_enabled(device.type(), autocast);
        }
        y.to(ScalarType.Double).mul(gradient).sum().backward();
        return new Tensor[] {y.detach().to(ScalarType.Double), x.grad().to(ScalarType.Double),
                w.grad().to(ScalarType.Double)};
    }

    /** max |got − expected| / max |expected|; NaN when {@code got} holds NaN or infinity. */
    private static double error(Tensor got, Tensor expected) {
        double scale = expected.abs().max().item_double();
        double diff = got.sub(expected).abs().max().item_double();
        return Double.isFinite(diff) ? diff / Math.max(scale, Double.MIN_NORMAL) : Double.NaN;
    }

    private Tensor normal(Generator rng, double std, long... shape) {
        Tensor t = torch.randn(shape, new GeneratorOptional(rng), new TensorOptions(ScalarType.Double));
        return t.mul_(new org.bytedeco.pytorch.Scalar(std)).to(device.torchDevice(), ScalarType.Double);
    }

    @Override
    public void close() {
        scope.close();
    }
}
