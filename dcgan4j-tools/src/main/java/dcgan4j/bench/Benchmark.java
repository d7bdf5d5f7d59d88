package dcgan4j.bench;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.Checkpoints;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.CpuFeatures;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.step.GanStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Speed on random data, as medians (shared machines are noisy): training iterations of the 64×64×3
 * model at batch 64 and the 28×28 model at batch 128, each against {@link PlainLoop} timed in the
 * same process, alternating; the same two in bf16 against dcgan4j's own fp32 iteration, alternating
 * too; the averaged generator's update against those steps ({@link AverageBenchmark}); the checked
 * convolution kernels against libtorch's own, unchecked, and the check's cost ({@link KernelBenchmark}); generation at
 * batch 256; writing a 64×64 checkpoint; what the TensorBoard event file costs
 * ({@link EventsBenchmark}); and the data loaders against training. {@link Section}s pick some of these.
 */
public final class Benchmark {
    /**
     * A part of the benchmark, in the order the report lists them. {@code EMA}, {@code AUGMENT} and
     * {@code LOADERS} are set against the training cases of the same run, which they time too.
     */
    public enum Section {
        /** {@code train_64x64x3} and {@code train_28x28x1} against the plain loop. */
        TRAINING,
        /** The same two in bf16 against dcgan4j's fp32. */
        BF16,
        /** The averaged generator ({@link AverageBenchmark}). */
        EMA,
        /** {@code --augment}'s share of a 64×64 step ({@link AugmentBenchmark}). */
        AUGMENT,
        GENERATE,
        CHECKPOINT,
        /** The TensorBoard event file ({@link EventsBenchmark}). */
        EVENTS,
        /** The checked convolution kernels ({@link KernelBenchmark}). */
        KERNELS,
        /** The data loaders ({@link LoaderBenchmark}), the report's {@code loaders}. */
        LOADERS
    }

    /**
     * One measured case; {@code baseline} names what {@code baselineMedianMs} timed in the same run
     * ({@code plain_loop} or {@code fp32}); both are null where there is no baseline, and
     * {@code imagesPerSecond} where no images are made (checkpoint writing).
     */
    public record Case(
            String name,
            int batch,
            double medianMs,
            Double imagesPerSecond,
            String baseline,
            Double baselineMedianMs) {}

    /**
     * Everything the {@code bench} command prints; {@code cpuBf16} says whether this CPU does bfloat16
     * arithmetic in hardware ({@link CpuFeatures}).
     */
    public record Report(
            int threads,
            String openblasCoretype,
            boolean cpuBf16,
            int warmup,
            int iterations,
            List<Case> cases,
            List<LoaderBenchmark.Case> loaders) {}

    private final int warmup;
    private final int iterations;

    public Benchmark(int warmup, int iterations) {
        requireCounts(warmup, iterations);
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /**
     * Runs every case.
     *
     * @param dataRoot folder with mnist/, fashion-mnist/, cifar10/, celeba-10k-89x109/ for the loader
     *                 figures (those present are measured), or null for the synthetic digits only
     */
    public Report run(Path dataRoot) throws IOException {
        return run(dataRoot, EnumSet.allOf(Section.class));
    }

    /**
     * Runs the cases of {@code sections}, and the training cases those set against; the report's
     * {@code loaders} is empty without {@link Section#LOADERS}.
     *
     * @param dataRoot as for {@link #run(Path)}
     */
    public Report run(Path dataRoot, Set<Section> sections) throws IOException {
        if (sections.isEmpty()) {
            throw new IllegalArgumentException("no benchmark section chosen");
        }
        Set<Section> on = EnumSet.copyOf(sections);
        Torch.load();
        List<Case> cases = new ArrayList<>();
        boolean any64 = on.contains(Section.TRAINING)
                || on.contains(Section.EMA)
                || on.contains(Section.AUGMENT)
                || on.contains(Section.LOADERS);
        boolean any28 = on.contains(Section.TRAINING) || on.contains(Section.EMA) || on.contains(Section.LOADERS);
        Case train64 = any64 ? training("train_64x64x3", ModelConfig.of(64, 3), 64) : null;
        Case train28 = any28 ? training("train_28x28x1", ModelConfig.of(28, 1), 128) : null;
        if (train64 != null) {
            cases.add(train64);
        }
        if (train28 != null) {
            cases.add(train28);
        }
        if (on.contains(Section.BF16)) {
            cases.add(lowPrecision("train_64x64x3_bf16", ModelConfig.of(64, 3), 64, Precision.BF16));
            cases.add(lowPrecision("train_28x28x1_bf16", ModelConfig.of(28, 1), 128, Precision.BF16));
        }
        if (on.contains(Section.EMA)) {
            cases.addAll(AverageBenchmark.run(warmup, iterations, train64, train28));
        }
        if (on.contains(Section.AUGMENT)) {
            cases.addAll(AugmentBenchmark.run(warmup, iterations, train64));
        }
        if (on.contains(Section.GENERATE)) {
            cases.add(generation("generate_64x64x3", ModelConfig.of(64, 3), 256));
        }
        if (on.contains(Section.CHECKPOINT)) {
            cases.add(checkpointWrite("checkpoint_64x64x3", ModelConfig.of(64, 3)));
        }
        if (on.contains(Section.EVENTS)) {
            cases.addAll(EventsBenchmark.run(warmup, iterations));
        }
        if (on.contains(Section.KERNELS)) {
            cases.addAll(KernelBenchmark.run(this));
        }
        List<LoaderBenchmark.Case> loaders = on.contains(Section.LOADERS)
                ? LoaderBenchmark.run(dataRoot, train28.imagesPerSecond(), train64.imagesPerSecond())
                : List.of();
        return new Report(
                torch.get_num_threads(),
                System.getenv("OPENBLAS_CORETYPE"),
                CpuFeatures.bf16(),
                warmup,
                iterations,
                cases,
                loaders);
    }

    private Case training(String name, ModelConfig model, int batch) {
        Torch.seed(1);
        try (var g = new Generator(model);
                var d = new Discriminator(model);
                var trainer = new GanStep(g, d, config(batch));
                var plain = new PlainLoop(model);
                var real = randomImages(batch, model)) {
            return alternating(name, batch, () -> trainer.step(real), "plain_loop", () -> plain.step(real));
        }
    }

    /** dcgan4j's iteration in {@code precision} against the same iteration in fp32, alternating. */
    private Case lowPrecision(String name, ModelConfig model, int batch, Precision precision) {
        Torch.seed(1);
        try (var g = new Generator(model);
                var d = new Discriminator(model);
                var trainer = new GanStep(
                        g, d, config(batch).toBuilder().precision(precision).build());
                var g32 = new Generator(model);
                var d32 = new Discriminator(model);
                var fp32 = new GanStep(g32, d32, config(batch));
                var real = randomImages(batch, model)) {
            return alternating(name, batch, () -> trainer.step(real), "fp32", () -> fp32.step(real));
        }
    }

    Case alternating(String name, int batch, Runnable measured, String baselineName, Runnable baseline) {
        double[] ours = new double[iterations];
        double[] theirs = new double[iterations];
        for (int i = -warmup; i < iterations; i++) {
            long t0 = System.nanoTime();
            measured.run();
            long t1 = System.nanoTime();
            baseline.run();
            long t2 = System.nanoTime();
            if (i >= 0) {
                ours[i] = (t1 - t0) / 1e6;
                theirs[i] = (t2 - t1) / 1e6;
            }
        }
        double median = median(ours);
        return new Case(name, batch, median, batch * 1000 / median, baselineName, median(theirs));
    }

    static TrainConfig config(int batch) {
        return TrainConfig.builder()
                .epochs(1)
                .batchSize(batch)
                .sampleEvery(0)
                .checkpointEvery(0)
                .build();
    }

    static Tensor randomImages(int batch, ModelConfig model) {
        return torch.rand(batch, model.channels(), model.imageSize(), model.imageSize())
                .mul_(new org.bytedeco.pytorch.Scalar(2.0))
                .sub_(new org.bytedeco.pytorch.Scalar(1.0));
    }

    private Case generation(String name, ModelConfig model, int batch) {
        Torch.seed(1);
        try (var g = new Generator(model);
                var rng = LatentNoise.generator(1)) {
            double[] ms = new double[iterations];
            for (int i = -warmup; i < iterations; i++) {
                try (var scope = new PointerScope()) {
                    Tensor z = LatentNoise.sample(batch, model, rng);
                    long t0 = System.nanoTime();
                    Sampler.generate(g, z);
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            double median = median(ms);
            return new Case(name, batch, median, batch * 1000 / median, null, null);
        }
    }

    /**
     * Writing a full-state checkpoint of the 64×64 pair after one Adam step: gathering the state,
     * checksumming, writing and fsync-ing about 76 MB (weights, both Adam moments, random states).
     */
    private Case checkpointWrite(String name, ModelConfig model) throws IOException {
        Torch.seed(1);
        Path dir = Files.createTempDirectory("dcgan4j-bench");
        try (var g = new Generator(model);
                var d = new Discriminator(model);
                var trainer = new GanStep(g, d, TrainConfig.DEFAULTS);
                var real = torch.zeros(8, model.channels(), model.imageSize(), model.imageSize())) {
            trainer.step(real);
            var checkpoints = new Checkpoints(dir, 1);
            double[] ms = new double[iterations];
            for (int i = -warmup; i < iterations; i++) {
                try (var scope = new PointerScope()) {
                    long t0 = System.nanoTime();
                    checkpoints.save(new Checkpoint(i + warmup + 1, 1, 0, model, "", trainer.state()));
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                    }
                }
            }
            return new Case(name, 0, median(ms), null, null, null);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A slow case with no images and no baseline: at most 5 timed runs after one untimed. */
    Case timed(String name, Runnable measured) {
        double[] ms = new double[Math.min(iterations, 5)];
        for (int i = -1; i < ms.length; i++) {
            try (var scope = new PointerScope()) {
                long t0 = System.nanoTime();
                measured.run();
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        }
        return new Case(name, 0, median(ms), null, null, null);
    }

    static void requireCounts(int warmup, int iterations) {
        if (warmup < 0 || iterations < 1) {
            throw new IllegalArgumentException("need warmup >= 0 and iterations >= 1");
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
