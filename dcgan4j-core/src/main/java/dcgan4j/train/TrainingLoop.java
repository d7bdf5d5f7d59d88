package dcgan4j.train;

import dcgan4j.data.BatchPrefetcher;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.Position;
import dcgan4j.train.outputs.RankOutputs;
import dcgan4j.train.outputs.TrainingListener.Ending;
import dcgan4j.train.parallel.RankContext;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.bytedeco.javacpp.PointerScope;

/**
 * One execution of a run, from scratch or from a checkpoint, to its end or a stop request, shaped
 * like pytorch/examples dcgan: epochs of shuffled batches, one {@link GanStep} each, and after each
 * step what this rank records ({@link RankOutputs}). Every rank runs this same loop.
 */
final class TrainingLoop {
    /** Opens what this rank records, once G, D and the position are known. */
    interface Outputs {
        RankOutputs open(EpochOrder order, Position at, Checkpoint from) throws IOException;
    }

    private final ImageDataset data;
    private final ModelConfig model;
    private final TrainConfig config;
    private final RankContext ranks;
    private final Outputs outputs;
    private final BooleanSupplier stopRequested;

    TrainingLoop(
            ImageDataset data,
            ModelConfig model,
            TrainConfig config,
            RankContext ranks,
            Outputs outputs,
            BooleanSupplier stopRequested) {
        this.data = data;
        this.model = model;
        this.config = config;
        this.ranks = ranks;
        this.outputs = outputs;
        this.stopRequested = stopRequested;
    }

    /** Trains from {@code from} (null: a new run) on. */
    Trainer.Result run(Checkpoint from) throws IOException {
        Torch.seed(config.seed());
        EpochOrder order = new EpochOrder(data.size(), config.batchSize(), config.seed(), config.dropLast())
                .shard(ranks.rank(), ranks.worldSize());
        Position start = Position.start(from, order.batchesPerEpoch());
        try (var generator = new Generator(model);
                var discriminator = new Discriminator(model);
                var gan = new GanStep(generator, discriminator, config, ranks).restore(from, ranks);
                var out = outputs.open(order, start, from);
                var batches = new BatchPrefetcher(data, order, config.device())) {
            try {
                Trainer.Result result = train(gan, batches, start, out);
                out.ended(result.completed() ? Ending.COMPLETED : Ending.STOPPED);
                return result;
            } catch (TrainingDivergedException e) {
                out.ended(Ending.DIVERGED);
                throw e;
            } catch (IOException | RuntimeException | Error e) {
                out.ended(Ending.FAILED);
                throw e;
            }
        }
    }

    private Trainer.Result train(GanStep gan, BatchPrefetcher batches, Position at, RankOutputs out)
            throws IOException {
        boolean conditional = model.variant().conditional();
        for (; at.epoch() <= config.epochs(); at = at.nextEpoch()) {
            batches.start(at.epoch() - 1, at.batch());
            while (!at.epochEnd()) {
                long start = System.nanoTime();
                StepMetrics m;
                long images;
                try (var scope = new PointerScope()) { // every tensor of the step is freed at its end
                    BatchPrefetcher.Batch real = batches.next(); // (N, nc, H, W) in [-1, 1], labels (N)
                    images = real.images().size(0) * ranks.worldSize();
                    m = gan.step(real.images(), conditional ? real.labels() : null); // (1) update D, (2) update G
                }
                m = m.meanOver(ranks); // every rank goes on with the same numbers (and NaN checks)
                at = at.next();
                if (m.diverged()) {
                    out.diverged(at, m);
                    throw new TrainingDivergedException(at.step(), m); // the last checkpoint stays the newest
                }
                out.stepDone(at, m, images * 1e9 / (System.nanoTime() - start), gan);
                boolean stop = ranks.any(stopRequested.getAsBoolean());
                if (stop || at.due(config.checkpointEvery(), config.epochs())) {
                    var state = ranks.withAllRanks(gan.state()); // a collective: on every rank
                    out.checkpoint(at, state);
                }
                if (stop) {
                    return new Trainer.Result(at.step(), false);
                }
            }
            out.epochEnded(at);
        }
        out.completed(gan);
        return new Trainer.Result(at.step(), true);
    }
}
