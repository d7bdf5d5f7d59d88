package dcgan4j.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import java.lang.reflect.RecordComponent;
import java.util.Objects;

/**
 * How to train: the paper's hyper-parameters unless a {@link #builder()} says otherwise. Every
 * setting has one name: the builder's method, the record component, the {@code config.yaml} key and
 * the command line's option are the same word ({@code batchSize}, {@code batch-size}); the defaults
 * live only in {@link Builder}. Validation happens here, in one place, whoever builds the value.
 *
 * @param epochs          passes over the data (5)
 * @param batchSize       images per step (128, the paper's mini-batch)
 * @param lrG             generator learning rate (2e-4)
 * @param lrD             discriminator learning rate (2e-4)
 * @param beta1           Adam β1 (0.5: the paper found 0.9 unstable)
 * @param beta2           Adam β2 (0.999)
 * @param seed            seeds weight init, noise and data order (1)
 * @param sampleEvery     steps between fixed-noise sample grids; 0 = only at epoch ends (100)
 * @param sampleCount     fixed-noise samples per grid (64: an 8×8 grid)
 * @param dropLast        leave out each epoch's last batch when it is short (false, as PyTorch's DataLoader)
 * @param checkpointEvery steps between full-state checkpoints, besides the one at each epoch end;
 *                        0 = epoch ends only (500)
 * @param keepCheckpoints how many of the newest checkpoints to keep (3)
 * @param evalEvery       steps between FID/KID measurements on a few thousand samples; 0 = never (0)
 * @param optimizerG      G's optimizer ({@link OptimizerChoice#ADAM})
 * @param optimizerD      D's optimizer ({@link OptimizerChoice#ADAM})
 * @param tricks          additions to the iteration ({@link Tricks#NONE})
 * @param device          where the networks train and every tensor of a step is made ({@link Device#CPU})
 * @param precision       the forward passes' arithmetic ({@link Precision#FP32})
 * @param ema             the decay of an averaged copy of G ({@link GeneratorAverage}) that the run samples
 *                        from and saves as netG_ema; 0 = none, pytorch/examples' behaviour exactly (0.99:
 *                        lower FID than G's own on MNIST and Fashion-MNIST at every epoch and seed measured,
 *                        docs/studies/ema.md; training itself is the paper's either way)
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
        Tricks tricks,
        Device device,
        Precision precision,
        double ema) {

    /** The paper's settings. */
    public static final TrainConfig DEFAULTS = builder().build();
    private static final ObjectMapper JSON = new ObjectMapper();

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
        Objects.requireNonNull(device, "device");
        precision.checkSupported(device);
        if (!(ema >= 0 && ema < 1)) {
            throw new IllegalArgumentException("the averaged generator's decay (setting 'ema') must be in [0, 1), "
                    + "0 = no average, got " + ema);
        }
    }

    /** A builder holding the paper's settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change a few. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * The same run settings with what may change when a run continues — its length, how often it
     * samples, checkpoints and measures, and the device — taken from {@code other}; nothing that
     * changes the maths of the steps to come (on the CPU; another device has other kernels).
     */
    public TrainConfig withSchedule(TrainConfig other) {
        return toBuilder().epochs(other.epochs).sampleEvery(other.sampleEvery).checkpointEvery(other.checkpointEvery)
                .keepCheckpoints(other.keepCheckpoints).evalEvery(other.evalEvery).device(other.device).build();
    }

    /** These settings as JSON: what a checkpoint keeps to check a resume against (nanoGPT keeps its config). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("training settings cannot be written as JSON", e);
        }
    }

    /** The settings {@link #toJson()} wrote, validated again. */
    public static TrainConfig fromJson(String json) {
        try {
            return JSON.readValue(json, TrainConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable training settings: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Checks that a run trained with these settings may continue with {@code next}: they may differ
     * only in the schedule ({@link #withSchedule}).
     *
     * @throws IllegalArgumentException naming the first setting that differs
     */
    public void requireResumableAs(TrainConfig next) {
        TrainConfig expected = withSchedule(next);
        for (RecordComponent c : TrainConfig.class.getRecordComponents()) {
            Object was = value(c, expected);
            Object now = value(c, next);
            if (!Objects.equals(was, now)) {
                throw new IllegalArgumentException("the run was trained with " + c.getName() + " " + was + ", not " + now
                        + "; a resumed run may change only its epochs, its sample, checkpoint and evaluation intervals and its device");
            }
        }
    }

    private static Object value(RecordComponent c, TrainConfig config) {
        try {
            return c.getAccessor().invoke(config);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
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

    /**
     * The settings one by one, the paper's by default. The optimizers' and tricks' parts are set
     * flat ({@code clipD}, {@code realLabel}), as they are named in config files.
     */
    public static final class Builder {
        private int epochs = 5;
        private int batchSize = 128;
        private double lrG = 2e-4;
        private double lrD = 2e-4;
        private double beta1 = 0.5;
        private double beta2 = 0.999;
        private long seed = 1;
        private int sampleEvery = 100;
        private int sampleCount = 64;
        private boolean dropLast;
        private int checkpointEvery = 500;
        private int keepCheckpoints = 3;
        private int evalEvery;
        private OptimizerChoice.Kind optimizerG = OptimizerChoice.ADAM.kind();
        private OptimizerChoice.Kind optimizerD = OptimizerChoice.ADAM.kind();
        private double clipG;
        private double clipD;
        private double decayG;
        private double decayD;
        private double realLabel = Tricks.NONE.realLabel();
        private double flipLabels = Tricks.NONE.flipProbability();
        private int dSteps = Tricks.NONE.discriminatorSteps();
        private double instanceNoise = Tricks.NONE.instanceNoise();
        private int instanceNoiseSteps = Tricks.NONE.instanceNoiseSteps();
        private Device device = Device.CPU;
        private Precision precision = Precision.FP32;
        private double ema = 0.99;

        private Builder() {}

        private Builder(TrainConfig c) {
            epochs = c.epochs;
            batchSize = c.batchSize;
            lrG = c.lrG;
            lrD = c.lrD;
            beta1 = c.beta1;
            beta2 = c.beta2;
            seed = c.seed;
            sampleEvery = c.sampleEvery;
            sampleCount = c.sampleCount;
            dropLast = c.dropLast;
            checkpointEvery = c.checkpointEvery;
            keepCheckpoints = c.keepCheckpoints;
            evalEvery = c.evalEvery;
            optimizerG = c.optimizerG.kind();
            optimizerD = c.optimizerD.kind();
            clipG = c.optimizerG.clipValue();
            clipD = c.optimizerD.clipValue();
            decayG = c.optimizerG.decay();
            decayD = c.optimizerD.decay();
            realLabel = c.tricks.realLabel();
            flipLabels = c.tricks.flipProbability();
            dSteps = c.tricks.discriminatorSteps();
            instanceNoise = c.tricks.instanceNoise();
            instanceNoiseSteps = c.tricks.instanceNoiseSteps();
            device = c.device;
            precision = c.precision;
            ema = c.ema;
        }

        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder lrG(double v) { lrG = v; return this; }
        public Builder lrD(double v) { lrD = v; return this; }
        public Builder beta1(double v) { beta1 = v; return this; }
        public Builder beta2(double v) { beta2 = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder sampleEvery(int v) { sampleEvery = v; return this; }
        public Builder sampleCount(int v) { sampleCount = v; return this; }
        public Builder dropLast(boolean v) { dropLast = v; return this; }
        public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
        public Builder keepCheckpoints(int v) { keepCheckpoints = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder optimizerG(OptimizerChoice.Kind v) { optimizerG = v; return this; }
        public Builder optimizerD(OptimizerChoice.Kind v) { optimizerD = v; return this; }
        public Builder clipG(double v) { clipG = v; return this; }
        public Builder clipD(double v) { clipD = v; return this; }
        public Builder decayG(double v) { decayG = v; return this; }
        public Builder decayD(double v) { decayD = v; return this; }
        public Builder realLabel(double v) { realLabel = v; return this; }
        public Builder flipLabels(double v) { flipLabels = v; return this; }
        public Builder dSteps(int v) { dSteps = v; return this; }
        public Builder instanceNoise(double v) { instanceNoise = v; return this; }
        public Builder instanceNoiseSteps(int v) { instanceNoiseSteps = v; return this; }
        public Builder device(Device v) { device = v; return this; }
        public Builder precision(Precision v) { precision = v; return this; }
        public Builder ema(double v) { ema = v; return this; }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public TrainConfig build() {
            return new TrainConfig(epochs, batchSize, lrG, lrD, beta1, beta2, seed, sampleEvery, sampleCount, dropLast,
                    checkpointEvery, keepCheckpoints, evalEvery, new OptimizerChoice(optimizerG, clipG, decayG),
                    new OptimizerChoice(optimizerD, clipD, decayD),
                    new Tricks(realLabel, flipLabels, dSteps, instanceNoise, instanceNoiseSteps), device, precision, ema);
        }
    }
}
