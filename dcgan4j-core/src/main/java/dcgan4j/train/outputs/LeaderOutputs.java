package dcgan4j.train.outputs;

import dcgan4j.augment.Augmentation;
import dcgan4j.conv.ConvRoutes;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.Checkpoints;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.CpuFeatures;
import dcgan4j.torch.Precision;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener.Ending;
import dcgan4j.train.outputs.TrainingListener.Plan;
import dcgan4j.train.outputs.TrainingListener.Progress;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * The run as its leader records it: a metrics row per step, fixed-noise grids, evaluations and
 * checkpoints in the run directory, every event told to the listener, and the warnings of a
 * {@link FailureWatch}. A resumed run appends to what the run wrote before.
 */
public final class LeaderOutputs implements RankOutputs {
    /** What every run of a trainer records into, and how. */
    public record Setup(
            ImageDataset data,
            ModelConfig model,
            TrainConfig config,
            RunDirectory run,
            TrainingListener listener,
            String configText,
            Quality.Probe probe,
            int worldSize) {}

    private final Setup setup;
    private final TrainConfig config;
    private final TrainingListener listener;
    private final Checkpoints checkpoints;
    private final FixedSamples samples;
    private final Evaluation evaluation;
    private final Tensor fixedNoise;
    private final Tensor fixedLabels;
    private final MetricsCsv metrics;
    private final FailureWatch watch;
    private final Plan plan;
    private Position last;

    /** Opens the run's records for the steps after {@code at}; {@code from} is the checkpoint resumed, or null. */
    public LeaderOutputs(Setup setup, EpochOrder order, Position at, Checkpoint from) throws IOException {
        this.setup = setup;
        this.config = setup.config();
        this.listener = setup.listener();
        this.last = at;
        RunDirectory run = setup.run();
        checkpoints = run.checkpoints(config.keepCheckpoints());
        samples = new FixedSamples(run, listener);
        evaluation = new Evaluation(setup.probe(), config, run, listener, at.step());
        try (var fixedRng = LatentNoise.generator(config.seed() + 1)) {
            fixedNoise = from == null
                    ? LatentNoise.sample(config.sampleCount(), setup.model(), fixedRng)
                    : from.tensor(Checkpoint.FIXED_NOISE).clone();
        }
        fixedLabels = Sampler.cyclingLabels(config.sampleCount(), setup.model());
        metrics = from == null
                ? MetricsCsv.create(run.metrics(), config.augmentation().augment() == Augmentation.Kind.ADA)
                : MetricsCsv.resume(run.metrics(), at.step());
        watch = new FailureWatch(samples.realSamples(setup.data(), order.permutation(0), config.sampleCount()));
        plan = new Plan(
                run.root(),
                setup.data().name(),
                setup.data().size(),
                config.epochs(),
                order.batchesPerEpoch(),
                config.batchSize() * setup.worldSize(),
                at.step(),
                setup.configText());
        listener.started(plan);
        warnAboutPrecision(at.step());
    }

    private void warnAboutPrecision(long step) {
        if (config.precision() != Precision.BF16 || config.device().cuda()) {
            return;
        }
        if (!CpuFeatures.bf16()) {
            listener.warning(
                    step,
                    "this CPU has no bfloat16 instructions (AVX512_BF16 or AMX): bf16 has no "
                            + "hardware support here and may well be slower than fp32");
        }
        if (!ConvRoutes.oneDnnInUse()) {
            listener.warning(
                    step,
                    "oneDNN computes convolutions wrong on this CPU, so libtorch's native "
                            + "kernels run them, and in bf16 those were 11 times slower than fp32 (AMD Zen 5): use fp32");
        }
    }

    @Override
    public void stepDone(Position at, StepMetrics m, double imagesPerSecond, GanStep gan) throws IOException {
        last = at;
        warn(at.step(), watch.step(m));
        Quality quality = evaluation.after(at.step(), gan::samplingGenerator);
        metrics.append(at.step(), at.epoch(), m, quality, gan.adaStatus());
        double[] lr = gan.learningRates();
        listener.stepDone(new Progress(
                at.step(),
                plan.totalSteps(),
                at.epoch(),
                config.epochs(),
                at.batch(),
                at.batchesPerEpoch(),
                m,
                imagesPerSecond,
                watch.active(),
                lr[0],
                lr[1],
                gan.adaStatus()));
        if (at.due(config.sampleEvery(), config.epochs())) {
            double diversity = samples.fakeSamples(gan, fixedNoise, fixedLabels, at.step());
            // an untrained G's samples are all alike, so collapse is watched from the first epoch's end on
            if (at.epoch() > 1 || at.epochEnd()) {
                warn(at.step(), watch.samples(diversity));
            }
        }
    }

    @Override
    public void checkpoint(Position at, Map<String, Tensor> state) throws IOException {
        listener.checkpointSaved(
                at.step(), checkpoints.save(checkpoint(at, setup.model(), state, fixedNoise, setup.configText())));
    }

    @Override
    public void epochEnded(Position at) {
        listener.epochEnded(at.epoch(), at.step());
    }

    @Override
    public void diverged(Position at, StepMetrics m) {
        last = at;
        listener.warning(at.step(), "losses are NaN or infinite: Loss_D " + m.lossD() + ", Loss_G " + m.lossG());
    }

    @Override
    public void completed(GanStep gan) throws IOException {
        RunDirectory run = setup.run();
        ModelFiles.save(gan.generator(), run.generatorWeights(), config.precision(), last.step());
        ModelFiles.save(gan.discriminator(), run.discriminatorWeights(), config.precision(), last.step());
        if (gan.averages()) {
            ModelFiles.save(gan.samplingGenerator(), run.averagedGeneratorWeights(), config.precision(), last.step());
        }
    }

    @Override
    public void ended(Ending how) {
        listener.ended(last.step(), how);
    }

    @Override
    public void close() throws IOException {
        try (fixedNoise;
                fixedLabels;
                metrics) {
            // closes them
        }
    }

    private void warn(long step, String warning) {
        if (warning != null) {
            listener.warning(step, warning);
        }
    }

    /** A checkpoint of {@code state} at {@code at}, with the fixed noise the run's grids are drawn from. */
    public static Checkpoint checkpoint(
            Position at, ModelConfig model, Map<String, Tensor> state, Tensor fixedNoise, String configText) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(state);
        tensors.put(Checkpoint.FIXED_NOISE, fixedNoise);
        return new Checkpoint(at.step(), at.epoch(), at.batch(), model, configText, tensors);
    }
}
