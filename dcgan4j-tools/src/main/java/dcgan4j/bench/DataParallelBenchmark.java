package dcgan4j.bench;

import dcgan4j.dist.DataParallel;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.parallel.RankContext;
import dcgan4j.train.step.GanStep;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.global.torch;

/**
 * Data-parallel training speed on random data: one global batch trained by one process with all
 * its threads, and split over the processes of a job, one thread each — with the share of each
 * distributed step spent averaging gradients (the allreduce, including any wait for a slower rank).
 */
public final class DataParallelBenchmark {
    /** The cases: the 64×64×3 model, whose step must stay dominated by compute, and the 28×28 one. */
    public static final List<Shape> SHAPES = List.of(
            new Shape("train_64x64x3", ModelConfig.of(64, 3), 64),
            new Shape("train_28x28x1", ModelConfig.of(28, 1), 128));

    /** A model at a global batch. */
    public record Shape(String name, ModelConfig model, int globalBatch) {}

    /**
     * One measurement; the allreduce figures are null for a single process.
     *
     * @param allreduceShare median over steps of (time averaging gradients) / (step time)
     */
    public record Case(
            String name,
            int processes,
            int threadsPerProcess,
            int globalBatch,
            double medianMs,
            double imagesPerSecond,
            Double allreduceMedianMs,
            Double allreduceShare) {}

    private final int warmup;
    private final int iterations;

    public DataParallelBenchmark(int warmup, int iterations) {
        Benchmark.requireCounts(warmup, iterations);
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /** One process training on the whole global batch. */
    public Case single(Shape shape) {
        return measure(shape, RankContext.SINGLE, null);
    }

    /** This rank's view of the job training on {@code globalBatch / world} per rank; every rank must call it. */
    public Case distributed(Shape shape, DataParallel ranks) {
        if (shape.globalBatch() % ranks.worldSize() != 0) {
            throw new IllegalArgumentException("a global batch of " + shape.globalBatch() + " does not split over "
                    + ranks.worldSize() + " processes");
        }
        return measure(shape, ranks, ranks);
    }

    private Case measure(Shape shape, RankContext ranks, DataParallel exchanges) {
        ModelConfig model = shape.model();
        int batch = shape.globalBatch() / ranks.worldSize();
        TrainConfig config = TrainConfig.builder()
                .batchSize(batch)
                .sampleEvery(0)
                .checkpointEvery(0)
                .build();
        Torch.seed(1);
        try (var g = new Generator(model);
                var d = new Discriminator(model);
                var trainer = new GanStep(g, d, config, ranks);
                var real = torch.rand(batch, model.channels(), model.imageSize(), model.imageSize())
                        .mul_(new Scalar(2.0))
                        .sub_(new Scalar(1.0))) {
            double[] stepMs = new double[iterations];
            double[] allreduceMs = new double[iterations];
            double[] share = new double[iterations];
            for (int i = -warmup; i < iterations; i++) {
                long exchanged = exchanges == null ? 0 : exchanges.gradients().nanos();
                long t0 = System.nanoTime();
                try (var scope = new PointerScope()) {
                    trainer.step(real);
                }
                long t1 = System.nanoTime();
                if (i >= 0) {
                    stepMs[i] = (t1 - t0) / 1e6;
                    allreduceMs[i] =
                            exchanges == null ? 0 : (exchanges.gradients().nanos() - exchanged) / 1e6;
                    share[i] = allreduceMs[i] / stepMs[i];
                }
            }
            double median = Benchmark.median(stepMs);
            return new Case(
                    shape.name(),
                    ranks.worldSize(),
                    torch.get_num_threads(),
                    shape.globalBatch(),
                    median,
                    shape.globalBatch() * 1000 / median,
                    exchanges == null ? null : Benchmark.median(allreduceMs),
                    exchanges == null ? null : Benchmark.median(share));
        }
    }
}
