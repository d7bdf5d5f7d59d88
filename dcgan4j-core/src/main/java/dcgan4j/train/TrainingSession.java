package dcgan4j.train;

import dcgan4j.conv.ConvRoutes;
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
import java.util.function.BooleanSupplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * One execution of a run, from scratch or from a checkpoint, to its end or a stop request: epochs of
 * shuffled batches through {@link GanTrainer}, and around each step what the run records — a metrics
 * row, fixed-noise grids, evaluations, checkpoints — with every event told to the listeners.
 */
final class TrainingSession {
    private final ImageDataset data;
    private final ModelConfig model;
    private final TrainConfig config;
    private final RunDirectory run;
    private final TrainingListener listener;
    private final String configText;
    private final Quality.Probe probe;
    private final BooleanSupplier stopRequested;
    private final RankContext ranks;

    /**
     * @param ranks where this process sits in a data-parallel job; only the leader writes to {@code run}
     *              and tells {@code listener} (on the other ranks {@code run} may be null)
     */
    TrainingSession(ImageDataset data, ModelConfig model, TrainConfig config, RunDirectory run, TrainingListener listener,
                    String configText, Quality.Probe probe, BooleanSupplier stopRequested, RankContext ranks) {
        this.data = data;
        this.model = model;
        this.config = config;
        this.run = run;
        this.listener = listener;
        this.configText = configText;
        this.probe = probe;
        this.stopRequested = stopRequested;
        this.ranks = ranks;
    }

    Trainer.Result train(Checkpoint from) throws IOException {
        Torch.seed(config.seed());
        EpochOrder order = new EpochOrder(data.size(), config.batchSize(), config.seed(), config.dropLast())
                .shard(ranks.rank(), ranks.worldSize());
        boolean leader = ranks.isLeader();
        Checkpoints checkpoints = leader ? run.checkpoints(config.keepCheckpoints()) : null;
        FixedSamples samples = new FixedSamples(run, listener);
        long startStep = from == null ? 0 : from.step();
        Evaluation evaluation = new Evaluation(leader ? probe : null,
                leader ? config : config.toBuilder().evalEvery(0).build(), run, listener, startStep);
        try (var generator = new Generator(model);
                var discriminator = new Discriminator(model);
                var trainer = new GanTrainer(generator, discriminator, config, ranks);
                var fixedRng = LatentNoise.generator(config.seed() + 1);
                var fixedNoise = from == null ? LatentNoise.sample(config.sampleCount(), model, fixedRng)
                        : from.tensor(Checkpoint.FIXED_NOISE).clone();
                var fixedLabels = Sampler.cyclingLabels(config.sampleCount(), model);
                var metrics = !leader ? null
                        : from == null ? MetricsCsv.create(run.metrics()) : MetricsCsv.resume(run.metrics(), startStep);
                var batches = new BatchPrefetcher(data, order, config.device())) {
            long step = startStep;
            int epoch = from == null ? 1 : from.epoch();
            int batch = from == null ? 0 : from.batchesDone();          // batches of `epoch` done
            var watch = new FailureWatch(leader ? samples.realSamples(data, order.permutation(0), config.sampleCount())
                    : Double.NaN);
            if (from != null) {
                trainer.restore(ranks.forThisRank(from.tensors()), startStep);
            }
            var plan = new TrainingListener.Plan(leader ? run.root() : null, data.name(), data.size(), config.epochs(),
                    order.batchesPerEpoch(), config.batchSize() * ranks.worldSize(), startStep, configText);
            listener.started(plan);
            if (config.precision() == Precision.BF16 && !config.device().cuda() && !CpuFeatures.bf16()) {
                listener.warning(startStep, "this CPU has no bfloat16 instructions (AVX512_BF16 or AMX): bf16 has no "
                        + "hardware support here and may well be slower than fp32");
            }
            if (config.precision() == Precision.BF16 && !config.device().cuda() && !ConvRoutes.oneDnnInUse()) {
                listener.warning(startStep, "oneDNN computes convolutions wrong on this CPU, so libtorch's native "
                        + "kernels run them, and in bf16 those were 11 times slower than fp32 (AMD Zen 5): use fp32");
            }
            if (batch == order.batchesPerEpoch()) {
                epoch++;
                batch = 0;
            }
            try {
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
                        m = ranks.mean(m);          // every rank goes on with the same numbers (and NaN checks)
                        step++;
                        batch++;
                        if (m.diverged()) {
                            listener.warning(step, "losses are NaN or infinite: Loss_D " + m.lossD() + ", Loss_G " + m.lossG());
                            throw new TrainingDivergedException(step, m);   // the last checkpoint stays the newest
                        }
                        warn(step, watch.step(m));
                        if (leader) {
                            metrics.append(step, epoch, m, evaluation.after(step, trainer::samplingGenerator));
                        }
                        double[] lr = trainer.learningRates();
                        listener.stepDone(new TrainingListener.Progress(step, plan.totalSteps(), epoch, config.epochs(),
                                batch, order.batchesPerEpoch(), m,
                                images * ranks.worldSize() * 1e9 / (System.nanoTime() - start),
                                watch.active(), lr[0], lr[1]));
                        boolean epochEnd = batch == order.batchesPerEpoch();
                        if (leader && (epochEnd || config.sampleEvery() > 0 && step % config.sampleEvery() == 0)) {
                            // every epoch ends with a grid; an untrained G's samples are all alike, so
                            // collapse is watched from the first epoch's end on
                            double diversity = samples.fakeSamples(trainer, fixedNoise, fixedLabels, step);
                            if (epoch > 1 || epochEnd) {
                                warn(step, watch.samples(diversity));
                            }
                        }
                        boolean stop = ranks.any(stopRequested.getAsBoolean());
                        if (epochEnd || stop || config.checkpointEvery() > 0 && step % config.checkpointEvery() == 0) {
                            var state = ranks.withAllRanks(trainer.state());       // a collective: on every rank
                            if (leader) {
                                listener.checkpointSaved(step, checkpoints.save(
                                        checkpoint(step, epoch, batch, model, state, fixedNoise, config, configText)));
                            }
                        }
                        if (stop) {
                            listener.ended(step, TrainingListener.Ending.STOPPED);
                            return new Trainer.Result(step, false);
                        }
                    }
                    listener.epochEnded(epoch, step);
                }
                if (leader) {
                    ModelFiles.save(generator, run.generatorWeights(), config.precision());
                    ModelFiles.save(discriminator, run.discriminatorWeights(), config.precision());
                    if (trainer.averages()) {
                        ModelFiles.save(trainer.samplingGenerator(), run.averagedGeneratorWeights(), config.precision());
                    }
                }
            } catch (TrainingDivergedException e) {
                listener.ended(step, TrainingListener.Ending.DIVERGED);
                throw e;
            } catch (IOException | RuntimeException | Error e) {
                listener.ended(step, TrainingListener.Ending.FAILED);
                throw e;
            }
            listener.ended(step, TrainingListener.Ending.COMPLETED);
            return new Trainer.Result(step, true);
        }
    }

    private void warn(long step, String warning) {
        if (warning != null) {
            listener.warning(step, warning);
        }
    }

    static Checkpoint checkpoint(long step, int epoch, int batchesDone, ModelConfig model, Map<String, Tensor> state,
                                 Tensor fixedNoise, TrainConfig config, String configText) {
        Map<String, Tensor> tensors = new LinkedHashMap<>(state);
        tensors.put(Checkpoint.FIXED_NOISE, fixedNoise);
        return new Checkpoint(step, epoch, batchesDone, model, configText, config.toJson(), tensors);
    }
}
