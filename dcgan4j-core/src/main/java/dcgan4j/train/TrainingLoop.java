package dcgan4j.train;

import dcgan4j.data.BatchPrefetcher;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.Torch;
import java.io.IOException;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * A whole training run: epochs of shuffled batches through {@link GanTrainer}, a metrics row per
 * step, fixed-noise sample grids along the way (the same z every time, so grids are comparable), and
 * the weights at the end — all into one {@link RunDirectory}.
 */
public final class TrainingLoop {
    private static final int GRID_COLUMNS = 8;

    private final ImageDataset data;
    private final ModelConfig model;
    private final TrainConfig config;
    private final RunDirectory run;
    private final TrainingListener listener;

    public TrainingLoop(ImageDataset data, ModelConfig model, TrainConfig config, RunDirectory run,
                        TrainingListener listener) {
        if (data.channels() != model.channels() || data.imageSize() != model.imageSize()) {
            throw new IllegalArgumentException("the data is " + data.imageSize() + "x" + data.imageSize() + "x"
                    + data.channels() + " but the model is built for " + model.imageSize() + "x"
                    + model.imageSize() + "x" + model.channels());
        }
        this.data = data;
        this.model = model;
        this.config = config;
        this.run = run;
        this.listener = listener;
    }

    /** Trains for the configured epochs; returns the number of steps taken. */
    public long run() throws IOException {
        Torch.seed(config.seed());
        EpochOrder order = new EpochOrder(data.size(), config.batchSize(), config.seed(), config.dropLast());
        var plan = new TrainingListener.Plan(run.root(), data.name(), data.size(), config.epochs(),
                order.batchesPerEpoch(), config.batchSize());
        try (var generator = new Generator(model);
                var discriminator = new Discriminator(model);
                var trainer = new GanTrainer(generator, discriminator, config);
                var fixedRng = LatentNoise.generator(config.seed() + 1);
                var fixedNoise = LatentNoise.sample(config.sampleCount(), model.nz(), fixedRng);
                var metrics = new MetricsCsv(run.metrics());
                var batches = new BatchPrefetcher(data, order)) {
            saveRealSamples(order.permutation(0));
            listener.started(plan);
            long step = 0;
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                batches.start(epoch - 1, 0);
                for (int batch = 1; batch <= order.batchesPerEpoch(); batch++) {
                    long start = System.nanoTime();
                    StepMetrics m;
                    long images;
                    try (var scope = new PointerScope()) {
                        Tensor real = batches.next();
                        images = real.size(0);
                        m = trainer.step(real);
                    }
                    step++;
                    double imagesPerSecond = images * 1e9 / (System.nanoTime() - start);
                    if (m.diverged()) {
                        throw new TrainingDivergedException(step, m);
                    }
                    metrics.append(step, epoch, m, imagesPerSecond);
                    listener.stepDone(new TrainingListener.Progress(step, plan.totalSteps(), epoch, config.epochs(),
                            batch, order.batchesPerEpoch(), m, imagesPerSecond));
                    if (config.sampleEvery() > 0 && step % config.sampleEvery() == 0) {
                        saveFakeSamples(generator, fixedNoise, step);
                    }
                }
                if (config.sampleEvery() == 0 || step % config.sampleEvery() != 0) {
                    saveFakeSamples(generator, fixedNoise, step);   // every epoch ends with a grid
                }
            }
            ModelFiles.save(generator, run.generatorWeights());
            ModelFiles.save(discriminator, run.discriminatorWeights());
            listener.finished(run.root(), step);
            return step;
        }
    }

    private void saveRealSamples(int[] firstEpochOrder) throws IOException {
        try (var scope = new PointerScope()) {
            int count = Math.min(config.sampleCount(), data.size());
            ImageGrid.save(data.batch(firstEpochOrder, 0, count), GRID_COLUMNS, run.realSamples());
        }
    }

    private void saveFakeSamples(Generator generator, Tensor fixedNoise, long step) throws IOException {
        try (var scope = new PointerScope()) {
            ImageGrid.save(Sampler.generate(generator, fixedNoise), GRID_COLUMNS, run.fakeSamples(step));
        }
        listener.samplesSaved(step, run.fakeSamples(step));
    }
}
