package dcgan4j.train;

import java.util.Objects;

/**
 * How to train: the paper's hyper-parameters by default (Adam, lr 2e-4, β1 0.5, mini-batch 128, no tricks).
 *
 * @param epochs      passes over the data (5: about three minutes on the built-in digits, 2 cores)
 * @param batchSize   images per step (128, the paper's mini-batch)
 * @param lrG         generator learning rate (2e-4)
 * @param lrD         discriminator learning rate (2e-4)
 * @param beta1       Adam β1 (0.5: the paper found 0.9 unstable)
 * @param beta2       Adam β2 (0.999)
 * @param seed        seeds weight init, noise and data order (1)
 * @param sampleEvery steps between fixed-noise sample grids; 0 = only at epoch ends (100)
 * @param sampleCount fixed-noise samples per grid (64: an 8×8 grid)
 * @param dropLast    leave out each epoch's last batch when it is short (false, as PyTorch's DataLoader)
 * @param checkpointEvery steps between full-state checkpoints, besides the one at each epoch end;
 *                    0 = epoch ends only (500)
 * @param keepCheckpoints how many of the newest checkpoints to keep (3)
 * @param evalEvery   steps between FID/KID measurements on a few thousand samples; 0 = never (0)
 * @param optimizerG  G's optimizer ({@link OptimizerChoice#ADAM})
 * @param optimizerD  D's optimizer ({@link OptimizerChoice#ADAM})
 * @param tricks      additions to the iteration ({@link Tricks#NONE})
 */
public record TrainConfig(
        int epochs,
        int batchSize,
        double lrG,
        double lrD,
        double beta1,
        double beta2,
        long seed,
        int sampleEvery,
        int sampleCount,
        boolean dropLast,
        int checkpointEvery,
        int keepCheckpoints,
        int evalEvery,
        OptimizerChoice optimizerG,
        OptimizerChoice optimizerD,
        Tricks tricks) {

    public static final TrainConfig DEFAULTS =
            new TrainConfig(5, 128, 2e-4, 2e-4, 0.5, 0.999, 1, 100, 64, false, 500, 3, 0);

    /** The paper's optimizers (Adam for both), no tricks, no evaluation during training. */
    public TrainConfig(int epochs, int batchSize, double lrG, double lrD, double beta1, double beta2, long seed,
                       int sampleEvery, int sampleCount, boolean dropLast, int checkpointEvery, int keepCheckpoints) {
        this(epochs, batchSize, lrG, lrD, beta1, beta2, seed, sampleEvery, sampleCount, dropLast, checkpointEvery,
                keepCheckpoints, 0);
    }

    /** The paper's optimizers (Adam for both) and no tricks. */
    public TrainConfig(int epochs, int batchSize, double lrG, double lrD, double beta1, double beta2, long seed,
                       int sampleEvery, int sampleCount, boolean dropLast, int checkpointEvery, int keepCheckpoints,
                       int evalEvery) {
        this(epochs, batchSize, lrG, lrD, beta1, beta2, seed, sampleEvery, sampleCount, dropLast, checkpointEvery,
                keepCheckpoints, evalEvery, OptimizerChoice.ADAM, OptimizerChoice.ADAM, Tricks.NONE);
    }

    public TrainConfig {
        positive("epochs", epochs);
        if (batchSize < 2) {
            throw new IllegalArgumentException("batch size must be at least 2 (BatchNorm needs 2 samples), got " + batchSize);
        }
        learningRate("generator learning rate", lrG);
        learningRate("discriminator learning rate", lrD);
        beta("beta1", beta1);
        beta("beta2", beta2);
        if (sampleEvery < 0) {
            throw new IllegalArgumentException("sample interval must be >= 0 steps (0 = epoch ends only), got " + sampleEvery);
        }
        positive("sample count", sampleCount);
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 steps (0 = epoch ends only), got "
                    + checkpointEvery);
        }
        positive("checkpoints to keep", keepCheckpoints);
        if (evalEvery < 0) {
            throw new IllegalArgumentException("evaluation interval must be >= 0 steps (0 = never), got " + evalEvery);
        }
        Objects.requireNonNull(optimizerG, "optimizerG");
        Objects.requireNonNull(optimizerD, "optimizerD");
        Objects.requireNonNull(tricks, "tricks");
    }

    /** The same settings with other optimizers and tricks. */
    public TrainConfig with(OptimizerChoice g, OptimizerChoice d, Tricks newTricks) {
        return new TrainConfig(epochs, batchSize, lrG, lrD, beta1, beta2, seed, sampleEvery, sampleCount, dropLast,
                checkpointEvery, keepCheckpoints, evalEvery, g, d, newTricks);
    }

    /** The same settings for a different number of epochs (a resumed run may be extended). */
    public TrainConfig withEpochs(int newEpochs) {
        return new TrainConfig(newEpochs, batchSize, lrG, lrD, beta1, beta2, seed, sampleEvery, sampleCount, dropLast,
                checkpointEvery, keepCheckpoints, evalEvery, optimizerG, optimizerD, tricks);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void learningRate(String name, double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException(name + " must be a positive number, got " + lr);
        }
    }

    private static void beta(String name, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + beta);
        }
    }
}
