package dcgan4j.bench;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.monitor.EventFileListener;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;

/**
 * What the TensorBoard event file costs: whole training runs of the 28×28 model with and without
 * {@link EventFileListener}, alternating in the same process, and the listener's own time for a step's
 * scalars and for a logged grid. The first is what a user feels; the others show why it is noise.
 */
final class EventsBenchmark {
    private static final int BATCH = 64;
    private static final int STEPS = 8;
    // one epoch of STEPS steps, a grid every 4 steps, a checkpoint at the end, as a real run does
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(1)
            .batchSize(BATCH)
            .sampleEvery(4)
            .checkpointEvery(0)
            .keepCheckpoints(1)
            .build();
    private static final int CALLS = 2000;

    private EventsBenchmark() {}

    static List<Benchmark.Case> run(int warmup, int iterations) throws IOException {
        Path dir = Files.createTempDirectory("dcgan4j-bench-events");
        try (ImageDataset digits = SyntheticDigits.generate(BATCH * STEPS, 1)) {
            ModelConfig model = ModelConfig.of(28, 1);
            double[] with = new double[iterations];
            double[] without = new double[iterations];
            for (int i = -Math.min(warmup, 1); i < iterations; i++) {
                double on = msPerStep(digits, model, dir.resolve("on" + i), new EventFileListener(1));
                double off = msPerStep(digits, model, dir.resolve("off" + i), new TrainingListener() {});
                if (i >= 0) {
                    with[i] = on;
                    without[i] = off;
                }
            }
            return List.of(
                    new Benchmark.Case(
                            "train_loop_28x28x1_events",
                            BATCH,
                            Benchmark.median(with),
                            BATCH * 1000 / Benchmark.median(with),
                            "no_events",
                            Benchmark.median(without)),
                    new Benchmark.Case("events_step_scalars", 0, scalarsMs(dir.resolve("scalars")), null, null, null),
                    new Benchmark.Case("events_grid_64", 0, gridMs(dir.resolve("grid"), iterations), null, null, null));
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double msPerStep(ImageDataset digits, ModelConfig model, Path dir, TrainingListener listener)
            throws IOException {
        long t0 = System.nanoTime();
        Trainer.builder()
                .data(digits)
                .model(model)
                .config(CONFIG)
                .run(RunDirectory.create(dir))
                .listener(listener)
                .configText("")
                .build()
                .train();
        return (System.nanoTime() - t0) / 1e6 / STEPS;
    }

    /** Median over batches of {@link #CALLS} steps' scalars, per step. */
    private static double scalarsMs(Path dir) throws IOException {
        Files.createDirectories(dir);
        var events = new EventFileListener(1);
        events.started(new TrainingListener.Plan(dir, "bench", 0, 1, CALLS, BATCH, 0, ""));
        double[] ms = new double[5];
        long step = 0;
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            for (int c = 0; c < CALLS; c++) {
                step++;
                events.stepDone(new TrainingListener.Progress(
                        step,
                        CALLS,
                        1,
                        1,
                        (int) step,
                        CALLS,
                        new StepMetrics(1.0 / step, 2, 0.5, 0.4, 0.3),
                        500,
                        "",
                        2e-4,
                        2e-4,
                        null));
            }
            ms[i] = (System.nanoTime() - t0) / 1e6 / CALLS;
        }
        events.ended(step, TrainingListener.Ending.COMPLETED);
        return Benchmark.median(ms);
    }

    /** A 64-image 28×28 grid, as a run draws it, logged and flushed. */
    private static double gridMs(Path dir, int iterations) throws IOException {
        Files.createDirectories(dir);
        Path png = dir.resolve("grid.png");
        try (var scope = new PointerScope()) {
            ImageGrid.save(torch.rand(64, 1, 28, 28), 8, png);
        }
        var events = new EventFileListener(1);
        events.started(new TrainingListener.Plan(dir, "bench", 0, 1, iterations, BATCH, 0, ""));
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            events.samplesSaved(i + 1, png);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        events.ended(iterations, TrainingListener.Ending.COMPLETED);
        return Benchmark.median(ms);
    }
}
