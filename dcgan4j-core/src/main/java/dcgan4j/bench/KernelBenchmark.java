package dcgan4j.bench;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.ConvShape;
import dcgan4j.conv.Kernels;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import dcgan4j.train.GanTrainer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.global.torch;

/**
 * What computing convolutions with checked kernels costs: dcgan4j's training step against the same step
 * with every layer on libtorch's own kernels with oneDNN on, unchecked — the computation before the check
 * existed, wrong on some CPUs but timed all the same — and the start-up check itself, on fresh routes
 * each time (a process checks once).
 */
final class KernelBenchmark {
    private KernelBenchmark() {}

    static List<Benchmark.Case> run(Benchmark bench) {
        return List.of(
                training(bench, "kernels_64x64x3", ModelConfig.of(64, 3), 64, Precision.FP32),
                training(bench, "kernels_64x64x3_bf16", ModelConfig.of(64, 3), 64, Precision.BF16),
                training(bench, "kernels_28x28x1", ModelConfig.of(28, 1), 128, Precision.FP32),
                training(bench, "kernels_28x28x1_bf16", ModelConfig.of(28, 1), 128, Precision.BF16),
                check(bench, "kernel_check_28x28x1", ModelConfig.of(28, 1), Precision.FP32),
                check(bench, "kernel_check_64x64x3", ModelConfig.of(64, 3), Precision.FP32),
                check(bench, "kernel_check_64x64x3_bf16", ModelConfig.of(64, 3), Precision.BF16));
    }

    private static Benchmark.Case training(Benchmark bench, String name, ModelConfig model, int batch, Precision precision) {
        Torch.seed(1);
        var trusting = ConvRoutes.trusting(Kernels.LIBTORCH);
        var config = Benchmark.config(batch).toBuilder().precision(precision).build();
        try (var g = new Generator(model);
                var d = new Discriminator(model);
                var checked = new GanTrainer(g, d, config);
                var g0 = new Generator(model, trusting);
                var d0 = new Discriminator(model, trusting);
                var libtorch = new GanTrainer(g0, d0, config);
                var real = Benchmark.randomImages(batch, model)) {
            return bench.alternating(name, batch, () -> checked.step(real), "libtorch_kernels", () -> withOneDnn(() -> libtorch.step(real)));
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
        try (var g = new Generator(model); var d = new Discriminator(model)) {
            shapes.addAll(g.convolutions().values());
            shapes.addAll(d.convolutions().values());
        }
        return bench.timed(name, () -> new ConvRoutes(List.of(Kernels.values())).check(shapes, precision, Device.CPU));
    }
}
