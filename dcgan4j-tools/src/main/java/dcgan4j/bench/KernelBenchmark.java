package dcgan4j.bench;

import dcgan4j.conv.ConvKernel;
import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.ConvShape;
import dcgan4j.conv.Kernels;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import dcgan4j.train.step.GanStep;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What computing convolutions with checked kernels costs: dcgan4j's training step against the same step
 * with every layer on libtorch's own kernels with oneDNN on, unchecked — the computation before the check
 * existed, wrong on some CPUs but timed all the same — both as this machine's check decides and as a CPU
 * where oneDNN is right runs it (the full contractions as matrix products, oneDNN elsewhere); and the
 * start-up check itself, on fresh routes each time (a process checks once).
 */
final class KernelBenchmark {
    private KernelBenchmark() {}

    /**
     * What a CPU on which oneDNN is right runs: the two full contractions as matrix products, every other
     * layer on oneDNN. Unchecked here, so that it is timed with oneDNN on whatever this CPU is.
     */
    private static final ConvKernel CONTRACTIONS_AS_MATMUL = new ConvKernel() {
        @Override
        public boolean handles(ConvShape shape) {
            return true;
        }

        @Override
        public Tensor apply(ConvShape shape, Tensor input, Tensor weight, Tensor bias) {
            return (shape.fullContraction() ? Kernels.MATMUL : Kernels.LIBTORCH).apply(shape, input, weight, bias);
        }
    };

    static List<Benchmark.Case> run(Benchmark bench) {
        ConvRoutes checked = ConvRoutes.standard();
        ConvRoutes healthy = ConvRoutes.trusting(CONTRACTIONS_AS_MATMUL);
        return List.of(
                training(bench, "kernels_64x64x3", ModelConfig.of(64, 3), 64, Precision.FP32, checked),
                training(bench, "kernels_64x64x3_bf16", ModelConfig.of(64, 3), 64, Precision.BF16, checked),
                training(bench, "kernels_28x28x1", ModelConfig.of(28, 1), 128, Precision.FP32, checked),
                training(bench, "kernels_28x28x1_bf16", ModelConfig.of(28, 1), 128, Precision.BF16, checked),
                training(bench, "contractions_as_matmul_64x64x3", ModelConfig.of(64, 3), 64, Precision.FP32, healthy),
                training(bench, "contractions_as_matmul_28x28x1", ModelConfig.of(28, 1), 128, Precision.FP32, healthy),
                check(bench, "kernel_check_28x28x1", ModelConfig.of(28, 1), Precision.FP32),
                check(bench, "kernel_check_64x64x3", ModelConfig.of(64, 3), Precision.FP32),
                check(bench, "kernel_check_64x64x3_bf16", ModelConfig.of(64, 3), Precision.BF16));
    }

    /**
     * A training step with {@code routes} against the same step with every layer on libtorch's own kernels,
     * alternating; the second always with oneDNN on, and so the first too where its routes are unchecked.
     */
    private static Benchmark.Case training(
            Benchmark bench, String name, ModelConfig model, int batch, Precision precision, ConvRoutes routes) {
        Torch.seed(1);
        var trusting = ConvRoutes.trusting(Kernels.LIBTORCH);
        var config = Benchmark.config(batch).toBuilder().precision(precision).build();
        boolean unchecked = routes != ConvRoutes.standard();
        try (var g = new Generator(model, routes);
                var d = new Discriminator(model, routes);
                var ours = new GanStep(g, d, config);
                var g0 = new Generator(model, trusting);
                var d0 = new Discriminator(model, trusting);
                var libtorch = new GanStep(g0, d0, config);
                var real = Benchmark.randomImages(batch, model)) {
            Runnable step = () -> ours.step(real);
            return bench.alternating(
                    name,
                    batch,
                    unchecked ? () -> withOneDnn(step) : step,
                    "libtorch_kernels",
                    () -> withOneDnn(() -> libtorch.step(real)));
        }
    }

    /** Runs {@code step} with libtorch's oneDNN on, as it was before any check, whatever the checks decided. */
    private static void withOneDnn(Runnable step) {
        boolean was = ConvRoutes.oneDnnInUse();
        torch.globalContext().setUserEnabledMkldnn(true);
        try {
            step.run();
        } finally {
            torch.globalContext().setUserEnabledMkldnn(was);
        }
    }

    /** G's and D's convolutions checked in fp32 (and {@code precision}), as a process does once at start. */
    private static Benchmark.Case check(Benchmark bench, String name, ModelConfig model, Precision precision) {
        List<ConvShape> shapes = new ArrayList<>();
        try (var g = new Generator(model);
                var d = new Discriminator(model)) {
            shapes.addAll(g.convolutions().values());
            shapes.addAll(d.convolutions().values());
        }
        return bench.timed(name, () -> ConvRoutes.undecided().check(shapes, precision, Device.CPU));
    }
}
