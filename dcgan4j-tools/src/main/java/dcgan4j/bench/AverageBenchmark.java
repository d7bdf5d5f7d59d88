package dcgan4j.bench;

import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Torch;
import dcgan4j.train.step.GeneratorAverage;
import java.util.List;

/**
 * What the averaged generator ({@code --ema}) costs: its update after each G step, timed on its own
 * and set against the same process's median training step of that model, and the BatchNorm
 * statistics it recomputes before each grid and evaluation (not per step).
 */
final class AverageBenchmark {
    private static final double DECAY = 0.999;
    /** Updates per timed sample: one update of a 28×28 G takes tens of microseconds. */
    private static final int UPDATES = 50;

    private AverageBenchmark() {}

    /** {@code train64} and {@code train28}: the training cases of the same run, the updates' baselines. */
    static List<Benchmark.Case> run(int warmup, int iterations, Benchmark.Case train64, Benchmark.Case train28) {
        return List.of(
                update("ema_update_64x64x3", ModelConfig.of(64, 3), train64, warmup, iterations),
                update("ema_update_28x28x1", ModelConfig.of(28, 1), train28, warmup, iterations),
                statistics("ema_statistics_64x64x3", ModelConfig.of(64, 3), warmup, iterations));
    }

    /** The update's median time, with the training step as its baseline: the share of a step it adds. */
    private static Benchmark.Case update(
            String name, ModelConfig model, Benchmark.Case step, int warmup, int iterations) {
        Torch.seed(1);
        try (var g = new Generator(model);
                var average = new GeneratorAverage(g, DECAY, 1)) {
            double[] ms = new double[iterations];
            long updates = 0;
            for (int i = -warmup; i < iterations; i++) {
                long t0 = System.nanoTime();
                for (int u = 0; u < UPDATES; u++) {
                    average.update(updates++);
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6 / UPDATES;
                }
            }
            return new Benchmark.Case(name, step.batch(), Benchmark.median(ms), null, step.name(), step.medianMs());
        }
    }

    private static Benchmark.Case statistics(String name, ModelConfig model, int warmup, int iterations) {
        Torch.seed(1);
        try (var g = new Generator(model);
                var average = new GeneratorAverage(g, DECAY, 1)) {
            double[] ms = new double[Math.min(iterations, 5)];
            for (int i = -Math.min(warmup, 1); i < ms.length; i++) {
                long t0 = System.nanoTime();
                average.forSampling();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return new Benchmark.Case(name, 0, Benchmark.median(ms), null, null, null);
        }
    }
}
