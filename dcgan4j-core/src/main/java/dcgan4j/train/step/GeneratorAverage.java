package dcgan4j.train.step;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * An exponential moving average of G's parameters (Yazıcı et al. 2019; BigGAN's and StyleGAN's G_ema):
 * GAN training oscillates around its equilibrium instead of settling, and the average of the weights
 * along that orbit samples better than any one point of it. It reads G after each of G's steps and
 * changes nothing in how G and D train.
 *
 * <p>Warm-up: update {@code t} (from 0) uses the decay {@code min(decay, (1 + t) / (10 + t))}, the
 * rule of TensorFlow's {@code ExponentialMovingAverage(num_updates=t)}, so the random initial
 * weights are forgotten within the first few dozen steps instead of weighing for thousands.
 *
 * <p>BatchNorm: the averaged weights never ran a training batch, so their running statistics are
 * recomputed for them ({@link Generator#recomputeBatchNormStatistics}) whenever they are about to be
 * used, from a noise generator of their own that starts from the same seed each time: the same
 * weights always get the same statistics, and training's random draws are untouched. Copying G's
 * statistics instead was measured against this (docs/studies/ema.md).
 */
public final class GeneratorAverage implements AutoCloseable {
    /**
     * z for the statistics: 4 × 256 = 1,024 samples, about two training steps' time at 64×64
     * (twice as many moved one MNIST FID by 0.1: docs/cli.md, "An averaged generator").
     */
    private static final int STATISTICS_BATCHES = 4;

    private static final int STATISTICS_BATCH_SIZE = 256;
    /** Keeps the statistics' noise apart from the training noise (seed + rank) and the fixed noise (seed + 1). */
    private static final long STATISTICS_SEED_OFFSET = 7_919;

    private final Generator average;
    private final double decay;
    private final long statisticsSeed;
    private final TensorVector sourceParameters;
    private final TensorVector averageParameters;
    /** Whether the BatchNorm statistics belong to the current weights (a grid and an evaluation of one step share them). */
    private boolean statisticsCurrent;

    /**
     * An average that starts at {@code source}'s current weights, on its device.
     *
     * @param decay the weight of the old average at each update, in (0, 1)
     * @param seed  the run's seed, from which the BatchNorm statistics' noise is drawn
     */
    public GeneratorAverage(Generator source, double decay, long seed) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("an average's decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.statisticsSeed = seed + STATISTICS_SEED_OFFSET;
        this.average = new Generator(source.config());
        average.to(source.device());
        average.loadStateDict(source.stateDict());
        average.requiresGrad(false);
        average.train(false);
        this.sourceParameters = source.parameters();
        this.averageParameters = average.parameters();
    }

    /** The decay that update {@code updates} (counted from 0) uses: the warm-up rule, capped at {@code decay}. */
    public static double decayAt(double decay, long updates) {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Moves the average towards G's current parameters: avg ← avg + (1 − d)(θ − avg), one lerp per tensor. */
    public void update(long updates) {
        statisticsCurrent = false;
        double d = decayAt(decay, updates);
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard();
                var weight = new Scalar(1 - d)) {
            for (long i = 0; i < averageParameters.size(); i++) {
                averageParameters.get(i).lerp_(sourceParameters.get(i), weight);
            }
        }
    }

    /** The averaged generator with its own BatchNorm statistics, in evaluation mode, ready to sample from. */
    public Generator forSampling() {
        if (!statisticsCurrent) {
            try (var rng = LatentNoise.generator(statisticsSeed)) {
                average.recomputeBatchNormStatistics(STATISTICS_BATCHES, STATISTICS_BATCH_SIZE, rng);
            }
            statisticsCurrent = true;
        }
        return average;
    }

    /** The averaged parameters and buffers by PyTorch name, for checkpoints. */
    public Map<String, Tensor> stateDict() {
        return average.stateDict();
    }

    /** Puts a {@link #stateDict()} back. */
    public void load(Map<String, Tensor> saved) {
        average.loadStateDict(saved);
        statisticsCurrent = false;
    }

    @Override
    public void close() {
        average.close();
    }
}
