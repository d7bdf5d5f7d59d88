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
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Runs one convolution shape forward and backward on a small random batch, in float64 — the reference,
 * computed the textbook way ({@link Kernels#IM2COL} on BLAS's dgemm; oneDNN computes no float64) — and
 * with a kernel in float32 or 16 bits, and reports how far apart they are. The inputs come from a
 * generator of its own, so a check draws nothing from the random numbers a run is made of.
 *
 * <p>Each kernel runs {@link #RUNS} times, with gradients and without (oneDNN has separate training
 * and inference kernels), and its worst run counts: the wrong kernels seen read memory they never
 * wrote, and some gave the right answer in some runs.
 */
public final class KernelCheck implements AutoCloseable {
    /** Small enough to cost little, large enough that oneDNN takes its batched code paths. */
    public static final int BATCH = 8;
    /** Runs per kernel, each with and without gradients. */
    public static final int RUNS = 2;

    private static final long SEED = 1511_06434L; // the paper's arXiv number

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
        try (Generator rng = torch.createCPUGenerator(SEED)) {
            input = laidOut(normal(rng, 1, BATCH, shape.in(), shape.inputSide(), shape.inputSide()));
            weight = laidOut(
                    normal(rng, 1 / Math.sqrt(shape.in() * shape.kernel() * shape.kernel()), shape.weightShape()));
            bias = shape.bias() ? normal(rng, 1, shape.out()) : null;
            int side = shape.outputSide();
            gradient = normal(rng, 1, BATCH, shape.out(), side, side);
            reference = run(Kernels.IM2COL, null, true);
        }
    }

    /**
     * The largest relative error a kernel may show and still count as right: float32 is within a few
     * units of its last place of float64 (right kernels measured within 3e-6; the faults seen are 0.1
     * and more); the 16-bit types round every input to 8 or 11 bits of mantissa (right bf16 kernels
     * measured within 1e-2, wrong ones 0.26 and more).
     */
    public static double tolerance(Precision precision) {
        return switch (precision) {
            case FP32 -> 1e-4;
            case BF16 -> 3e-2;
            case FP16 -> 1e-2;
        };
    }

    /** How far {@code kernel} in {@code precision} is from the float64 reference: its worst run. */
    public KernelError measure(ConvKernel kernel, Precision precision) {
        double[] worst = new double[3];
        for (int r = 0; r < RUNS; r++) {
            try (var local = new PointerScope()) {
                Tensor[] got = run(kernel, precision, true);
                Tensor inference = run(kernel, precision, false)[0];
                worst[0] = worse(worst[0], Math.max(error(got[0], reference[0]), error(inference, reference[0])));
                worst[1] = worse(worst[1], error(got[1], reference[1]));
                worst[2] = worse(worst[2], error(got[2], reference[2]));
            }
        }
        return new KernelError(kernel, worst[0], worst[1], worst[2]);
    }

    /** The larger, NaN counting as largest. */
    private static double worse(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) ? Double.NaN : Math.max(a, b);
    }

    /**
     * The output and the gradients of input and weight, as float64; without gradient mode, the output
     * alone. In a 16-bit precision the float32 leaves are cast first, as autocast casts them; autocast
     * itself is held off meanwhile, so that a check started from inside a forward pass computes what it
     * means to.
     */
    private Tensor[] run(ConvKernel kernel, Precision precision, boolean gradients) {
        try (var gradMode = new AutoGradMode(gradients)) {
            return runIn(kernel, precision, gradients);
        }
    }

    private Tensor[] runIn(ConvKernel kernel, Precision precision, boolean gradients) {
        ScalarType leaf = precision == null ? ScalarType.Double : ScalarType.Float;
        Tensor x = laidOut(input.detach().to(leaf)).requires_grad_(gradients); // fresh leaves, whose gradients are kept
        Tensor w = laidOut(weight.detach().to(leaf)).requires_grad_(gradients);
        Tensor b = bias == null ? null : bias.detach().to(leaf).requires_grad_(gradients);
        Tensor y;
        boolean autocast = torch.is_autocast_enabled(device.type());
        torch.set_autocast_enabled(device.type(), false);
        try {
            ScalarType lowered = precision == null ? null : precision.lowered();
            y = lowered == null
                    ? kernel.apply(shape, x, w, b)
                    : kernel.apply(
                            shape, laidOut(x.to(lowered)), laidOut(w.to(lowered)), b == null ? null : b.to(lowered));
        } finally {
            torch.set_autocast_enabled(device.type(), autocast);
        }
        if (!gradients) {
            return new Tensor[] {y.to(ScalarType.Double)};
        }
        y.to(ScalarType.Double).mul(gradient).sum().backward();
        return new Tensor[] {
            y.detach().to(ScalarType.Double),
            x.grad().to(ScalarType.Double),
            w.grad().to(ScalarType.Double)
        };
    }

    /** max |got − expected| / max |expected|; NaN when {@code got} holds NaN or infinity. */
    private static double error(Tensor got, Tensor expected) {
        double scale = expected.abs().max().item_double();
        double diff = got.sub(expected).abs().max().item_double();
        return Double.isFinite(diff) ? diff / Math.max(scale, Double.MIN_NORMAL) : Double.NaN;
    }

    /** As the network lays out its maps and weights: a kernel is checked on the memory it will read. */
    private Tensor laidOut(Tensor t) {
        return t.contiguous(shape.channelsLast() ? MemoryFormat.ChannelsLast : MemoryFormat.Contiguous);
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
