package dcgan4j.train;

import dcgan4j.data.BatchPrefetcher;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.Checkpoints;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.CpuFeatures;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * A whole training run: epochs of shuffled batches through {@link GanTrainer}, a metrics row per
 * step, fixed-noise sample grids along the way (the same z every time, so grids are comparable),
 * full-state checkpoints, charts and the progress GIF at each epoch end, and the weights at the end
 * — all into one {@link RunDirectory}.
 *
 * <p>A run resumed from a checkpoint continues exactly: same weights, optimizer moments, random
 * states and position in the epoch's data order, so on the CPU it ends bit-identical to a run that
 * never stopped.
 */
public final class TrainingLoop {
    /** How a run ended: all epochs done, or stopped early on request after {@code steps}. */
    public record Result(long steps, boolean completed) {}

    private final ImageDataset data;
    private final ModelConfig model;
    private final TrainConfig config;
    private final RunDirectory run;
    private final TrainingListener listener;
    private final String configText;
    private Quality.Probe probe;
    private volatile boolean stopRequested;

    /**
     * @param configText the run's resolved configuration (YAML), stored in every checkpoint; may be empty
     */
    public TrainingLoop(ImageDataset data, ModelConfig model, TrainConfig config, RunDirectory run,
                        TrainingListener listener, String configText) {
        if (data.channels() != model.channels() || data.imageSize() != model.imageSize()) {
            throw new IllegalArgumentException("the data is " + data.imageSize() + "x" + data.imageSize() + "x"
                    + data.channels() + " but the model is built for " + model.imageSize() + "x"
                    + model.imageSize() + "x" + model.channels());
        }
        if (model.variant().conditional() && data.classes() != model.variant().classes()) {
            throw new IllegalArgumentException("a conditional model needs labelled data of " + model.variant().classes()
                    + " classes; " + data.name() + " has " + (data.classes() == 0 ? "no labels" : data.classes() + " classes"));
        }
        this.data = data;
        this.model = model;
        this.config = config;
        this.run = run;
        this.listener = listener;
        this.configText = configText;
    }

    /**
     * Measures FID and KID every {@link TrainConfig#evalEvery()} steps with {@code probe}: logged in
     * metrics.csv, charted, and the generator with the lowest FID kept as {@code netG_best.safetensors}.
     */
    public TrainingLoop evaluateWith(Quality.Probe probe) {
        this.probe = probe;
        return this;
    }

    /** Asks the loop to finish the current step, write a checkpoint and return; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains from scratch for the configured epochs. */
    public Result run() throws IOException {
        return train(null);
    }

    /**
     * Continues from a checkpoint of this run.
     *
     * @throws IllegalArgumentException when the checkpoint is of another architecture
     */
    public Result resume(Checkpoint from) throws IOException {
        if (!from.model().equals(model)) {
            throw new IllegalArgumentException("the checkpoint is for a " + from.model() + " model, not " + model);
        }
        return train(from);
    }

    private Result train(Checkpoint from) throws IOException {
        if (config.evalEvery() > 0 && probe == null) {
            throw new IllegalStateException("--eval-every needs a feature network to measure with");
        }
        Torch.seed(config.seed());
        EpochOrder order = new EpochOrder(data.size(), config.batchSize(), config.seed(), config.dropLast());
        Checkpoints checkpoints = run.checkpoints(config.keepCheckpoints());
        RunOutputs outputs = new RunOutputs(run, listener);
        try (var generator = new Generator(model);
                var discriminator = new Discriminator(model);
                var trainer = new GanTrainer(generator, discriminator, config);
                var fixedRng = LatentNoise.generator(config.seed() + 1);
                var fixedNoise = from == null ? LatentNoise.sample(config.sampleCount(), model, fixedRng)
                        : from.tensor(Checkpoint.FIXED_NOISE).clone();
                var fixedLabels = Sampler.cyclingLabels(config.sampleCount(), model);
                var metrics = from == null ? MetricsCsv.create(run.metrics()) : MetricsCsv.resume(run.metrics(), from.step());
                var batches = new BatchPrefetcher(data, order, config.device())) {
            long step = 0;
            int epoch = 1;
            int batch = 0;                                       // batches of `epoch` done
            var watch = new FailureWatch(outputs.realSamples(data, order.permutation(0), config.sampleCount()));
            double bestFid = bestFid(from == null ? 0 : from.step());
            if (from != null) {
                trainer.restore(from.tensors(), from.step());
                step = from.step();
                epoch = from.epoch();
                batch = from.batchesDone();
            }
            var plan = new TrainingListener.Plan(run.root(), data.name(), data.size(), config.epochs(),
                    order.batchesPerEpoch(), config.batchSize(), step, configText);
            listener.started(plan);
            if (config.precision() == Precision.BF16 && !config.device().cuda() && !CpuFeatures.bf16()) {
                listener.warning(step, "this CPU has no bfloat16 instructions (AVX512_BF16 or AMX): bf16 runs "
                        + "emulated, slower than fp32");
            }
            if (batch == order.batchesPerEpoch()) {
                epoch++;
                batch = 0;
            }
            for (; epoch <= config.epochs(); epoch++, batch = 0) {
                batches.start(epoch - 1, batch);
                while (batch < order.batchesPerEpoch()) {
                    long start = System.nanoTime();
                    StepMetrics m;
                    long images;
                    try (var scope = new PointerScope()) {
                        BatchPrefetcher.Batch real = batches.next();
                        images = real.images().size(0);
                        m = trainer.step(real.images(), model.variant().conditional() ? real.labels() : null);
                    }
                    step++;
                    batch++;
                    if (m.diverged()) {
                        listener.warning(step, "losses are NaN or infinite: Loss_D " + m.lossD() + ", Loss_G " + m.lossG());
                        listener.ended(step, TrainingListener.Ending.DIVERGED);
                        throw new TrainingDivergedException(step, m);   // the last checkpoint stays the newest
                    }
                    warn(step, watch.step(m));
                    Quality quality = config.evalEvery() > 0 && step % config.evalEvery() == 0
                            ? probe.measure(generator) : null;
                    metrics.append(step, epoch, m, quality);
                    if (quality != null) {
                        boolean best = Double.isNaN(bestFid) ? !Double.isNaN(quality.fid()) : quality.fid() < bestFid;
                        if (best) {
                            bestFid = quality.fid();
                            ModelFiles.save(generator, run.bestGeneratorWeights(), config.precision());
                        }
                        listener.evaluated(step, quality, best);
                    }
                    double[] lr = trainer.learningRates();
                    listener.stepDone(new TrainingListener.Progress(step, plan.totalSteps(), epoch, config.epochs(),
                            batch, order.batchesPerEpoch(), m, images * 1e9 / (System.nanoTime() - start), watch.active(),
                            lr[0], lr[1]));
                    boolean epochEnd = batch == order.batchesPerEpoch();
                    if (epochEnd || config.sampleEvery() > 0 && step % config.sampleEvery() == 0) {
                        // every epoch ends with a grid; an untrained G's samples are all alike, so
                        // collapse is watched from the first epoch's end on
                        double diversity = outputs.fakeSamples(generator, fixedNoise, fixedLabels, step);
                        if (epoch > 1 || epochEnd) {
                            warn(step, watch.samples(diversity));
                        }
                    }
                    boolean checkpointDue = config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0;
                    if (epochEnd || checkpointDue || stopRequested) {
                        listener.checkpointSaved(step,
                                checkpoints.save(checkpoint(step, epoch, batch, trainer, fixedNoise, configText)));
                    }
                    if (stopRequested) {
                        listener.ended(step, TrainingListener.Ending.STOPPED);
                        return new Result(step, false);
                    }
                }
                outputs.epochEnd();
                listener.epochEnded(epoch, step);
            }
            ModelFiles.save(generator, run.generatorWeights(), config.precision());
            ModelFiles.save(discriminator, run.discriminatorWeights(), config.precision());
            listener.ended(step, TrainingListener.Ending.COMPLETED);
            return new Result(step, true);
        }
    }

    private void warn(long step, String warning) {
        if (warning != null) {
            listener.warning(step, warning);
        }
    }

    /** The lowest FID in metrics.csv up to {@code step} (a resumed run keeps its best), NaN if none. */
    private double bestFid(long step) throws IOException {
        return MetricsCsv.read(run.metrics()).stream()
                .filter(r -> r.step() <= step && r.quality() != null)
                .mapToDouble(r -> r.quality().fid()).min().orElse(Double.NaN);
    }

    /**
     * A checkpoint before the first step, from networks made elsewhere (e.g. imported PyTorch
     * weights): {@link #resume} then trains them on, with fresh optimizers.
     */
    public static Checkpoint initialCheckpoint(Generator generator, Discriminator discriminator, TrainConfig config,
                                               String configText) {
        Torch.seed(config.seed());
        try (var trainer = new GanTrainer(generator, discriminator, config);
                var fixedRng = LatentNoise.generator(config.seed() + 1)) {
            var fixedNoise = LatentNoise.sample(config.sampleCount(), generator.config(), fixedRng);
            return checkpoint(0, 1, 0, trainer, fixedNoise, configText);
        }
    }

    private static Checkpoint checkpoint(long step, int epoch, int batchesDone, GanTrainer trainer, Tensor fixedNoise,
                                         String configText) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(trainer.state());
        tensors.put(Checkpoint.FIXED_NOISE, fixedNoise);
        return new Checkpoint(step, epoch, batchesDone, trainer.generator().config(), configText, tensors);
    }
}
