package dcgan4j.train.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dcgan4j.augment.Augmentation;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How to train: the paper's hyper-parameters unless a {@link #builder()} says otherwise (but for
 * {@code ema}). Every setting has one name: the builder's method and field, the record component, the
 * YAML key and the command line's option are the same word ({@code batchSize}, {@code batch-size});
 * the defaults live only in {@link Builder}, what may change when a run continues only in
 * {@link #SCHEDULE}. Validation happens here, in one place, whoever builds the value. Adding a setting
 * takes its component, its builder field and setter, and its command-line flag; its YAML record,
 * copies and resume checks follow from those.
 *
 * @param epochs          passes over the data (5)
 * @param batchSize       images per step (128, the paper's mini-batch)
 * @param lrG             generator learning rate (2e-4)
 * @param lrD             discriminator learning rate (2e-4)
 * @param beta1           Adam β1 (0.5: the paper found 0.9 unstable)
 * @param beta2           Adam β2 (0.999)
 * @param seed            seeds weight init, noise and data order (1)
 * @param sampleEvery     steps between fixed-noise sample grids, also at each epoch end (unless epochs are
 *                        shorter than this) and the run's last step; 0 = only at epoch ends (100)
 * @param sampleCount     fixed-noise samples per grid (64: an 8×8 grid)
 * @param dropLast        leave out each epoch's last batch when it is short (false, as PyTorch's DataLoader)
 * @param checkpointEvery steps between full-state checkpoints, besides the one at each epoch end (unless
 *                        epochs are shorter than this) and the run's last step; 0 = epoch ends only (500)
 * @param keepCheckpoints how many of the newest checkpoints to keep (3)
 * @param evalEvery       steps between FID/KID measurements on a few thousand samples; 0 = never (0)
 * @param optimizerG      G's optimizer ({@link OptimizerChoice#ADAM})
 * @param optimizerD      D's optimizer ({@link OptimizerChoice#ADAM})
 * @param tricks          additions to the iteration ({@link Tricks#NONE})
 * @param device          where the networks train and every tensor of a step is made ({@link Device#CPU})
 * @param precision       the forward passes' arithmetic ({@link Precision#FP32})
 * @param ema             the decay of an averaged copy of G (the step's {@code GeneratorAverage}) that the run samples
 *                        from and saves as netG_ema; 0 = none, pytorch/examples' behaviour exactly (0.99:
 *                        lower FID than G's own on MNIST and Fashion-MNIST at every epoch and seed measured,
 *                        docs/studies/ema.md; training itself is the paper's either way)
 * @param augmentation    what D sees of the images, for small datasets ({@link Augmentation#NONE}: the images
 *                        themselves, and no random draws)
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
        double ema,
        Augmentation augmentation) {

    /** The paper's settings, with an averaged generator beside G ({@code ema} 0.99). */
    public static final TrainConfig DEFAULTS = builder().build();
    /**
     * The settings a continued run may change: its length, how often it samples, checkpoints and
     * measures, and where it runs; nothing that changes the maths of the steps to come (on the CPU;
     * another device has other kernels).
     */
    public static final List<String> SCHEDULE =
            List.of("epochs", "sampleEvery", "checkpointEvery", "keepCheckpoints", "evalEvery", "device");
    /**
     * Settings that came after runs were first recorded, with the value every run recorded without
     * them trained with: a resumed run continues as it was, whatever today's default.
     */
    public static final Map<String, Object> ADDED_LATER = Map.of("ema", 0.0, "augment", Augmentation.Kind.NONE);

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();
    private static final YAMLMapper YAML =
            YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    public TrainConfig {
        positive("epochs", epochs);
        if (batchSize < 2) {
            throw new IllegalArgumentException(
                    "batch size must be at least 2 (BatchNorm needs 2 samples), got " + batchSize);
        }
        learningRate("generator learning rate", lrG);
        learningRate("discriminator learning rate", lrD);
        beta("beta1", beta1);
        beta("beta2", beta2);
        if (sampleEvery < 0) {
            throw new IllegalArgumentException(
                    "sample interval must be >= 0 steps (0 = epoch ends only), got " + sampleEvery);
        }
        positive("sample count", sampleCount);
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException(
                    "checkpoint interval must be >= 0 steps (0 = epoch ends only), got " + checkpointEvery);
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
        if (augmentation == null) { // a JSON record from before the setting: trained without
            augmentation = Augmentation.NONE;
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

    /** The same run settings with the {@link #SCHEDULE} taken from {@code other}. */
    public TrainConfig withSchedule(TrainConfig other) {
        Builder b = toBuilder();
        Builder theirs = other.toBuilder();
        SCHEDULE.forEach(name -> b.set(name, theirs.get(name)));
        return b.build();
    }

    /** The settings one by one, as the builder names them, in its order. */
    public Map<String, Object> settings() {
        Builder b = toBuilder();
        Map<String, Object> out = new LinkedHashMap<>();
        Builder.SETTINGS.forEach(f -> out.put(f.getName(), b.get(f.getName())));
        return out;
    }

    /** {@code lrD} → {@code lr-d}: a setting's key in YAML records, and its command-line option without the dashes. */
    public static String key(String setting) {
        return setting.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /**
     * These settings as YAML, one {@link #key} a line: what a checkpoint keeps to check a resume against
     * (nanoGPT keeps its config), in the form of the command line's config.yaml.
     */
    public String toYaml() {
        Map<String, Object> out = new LinkedHashMap<>();
        settings()
                .forEach((name, value) -> out.put(
                        key(name),
                        value instanceof Enum<?> e
                                ? e.name().toLowerCase(Locale.ROOT)
                                : value instanceof Device d ? d.toString() : value));
        try {
            return YAML.writeValueAsString(out).replaceFirst("^---\\n", "");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("training settings cannot be written as YAML", e);
        }
    }

    /**
     * The settings a run's record says it trained with: {@link #toYaml()}'s text, or a config.yaml
     * (whose other keys are passed over). A setting the record predates takes its {@link #ADDED_LATER}
     * value, any other absent one its default; a schedule setting this machine cannot take (a GPU the
     * run had) keeps the default, as it decides nothing on resume. Checkpoints from before this record
     * held JSON of this record, which is read as such.
     *
     * @throws IllegalArgumentException when the record is unreadable or a setting's value wrong
     */
    public static TrainConfig fromRecord(String record) {
        try {
            JsonNode tree = YAML.readTree(record);
            if (tree == null || !tree.isObject()) {
                throw new IllegalArgumentException("a run's settings must be 'key: value' lines");
            }
            if (tree.has("tricks")) {
                return JSON.treeToValue(tree, TrainConfig.class);
            }
            Builder b = builder();
            ADDED_LATER.forEach(b::set);
            for (Field f : Builder.SETTINGS) {
                JsonNode value = tree.get(key(f.getName()));
                if (value == null || value.isNull()) {
                    continue;
                }
                try {
                    b.set(
                            f.getName(),
                            f.getType() == Device.class
                                    ? Device.resolve(value.asText())
                                    : JSON.treeToValue(value, f.getType()));
                } catch (IllegalArgumentException e) {
                    if (!SCHEDULE.contains(f.getName())) {
                        throw e;
                    }
                }
            }
            return b.build();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable training settings: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Checks that a run trained with these settings may continue with {@code next}: they may differ
     * only in the {@link #SCHEDULE}.
     *
     * @throws IllegalArgumentException naming the first setting that differs
     */
    public void requireResumableAs(TrainConfig next) {
        Map<String, Object> was = settings();
        Map<String, Object> now = next.settings();
        for (String name : was.keySet()) {
            if (!SCHEDULE.contains(name) && !Objects.equals(was.get(name), now.get(name))) {
                throw new IllegalArgumentException("the run was trained with setting '" + name + "' " + was.get(name)
                        + ", not " + now.get(name) + "; a resumed run may change only "
                        + String.join(
                                ", ",
                                SCHEDULE.stream()
                                        .map(n -> "setting '" + n + "'")
                                        .toList()));
            }
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
     * flat ({@code clipD}, {@code realLabel}, {@code adaTarget}), as they are named in config files.
     */
    public static final class Builder {
        /** The settings, in order: every instance field of the builder. */
        private static final List<Field> SETTINGS = Arrays.stream(Builder.class.getDeclaredFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .toList();

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
        private Augmentation.Kind augment = Augmentation.NONE.augment();
        private String augmentPolicy = Augmentation.NONE.policy();
        private double adaTarget = Augmentation.NONE.adaTarget();
        private int adaInterval = Augmentation.NONE.adaInterval();
        private int adaSpeed = Augmentation.NONE.adaSpeed();

        private Builder() {}

        /** A copy of {@code c}'s settings: the record's own by name, the optimizers', tricks' and augmentation's parts flat. */
        private Builder(TrainConfig c) {
            for (RecordComponent component : TrainConfig.class.getRecordComponents()) {
                for (Field f : SETTINGS) {
                    if (f.getName().equals(component.getName()) && f.getType() == component.getType()) {
                        set(f.getName(), read(component, c));
                    }
                }
            }
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
            augment = c.augmentation.augment();
            augmentPolicy = c.augmentation.policy();
            adaTarget = c.augmentation.adaTarget();
            adaInterval = c.augmentation.adaInterval();
            adaSpeed = c.augmentation.adaSpeed();
        }

        private static Object read(RecordComponent component, TrainConfig c) {
            try {
                return component.getAccessor().invoke(c);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        Object get(String setting) {
            try {
                return Builder.class.getDeclaredField(setting).get(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no setting '" + setting + "'", e);
            }
        }

        void set(String setting, Object value) {
            try {
                Builder.class.getDeclaredField(setting).set(this, value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no setting '" + setting + "'", e);
            }
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder lrG(double v) {
            lrG = v;
            return this;
        }

        public Builder lrD(double v) {
            lrD = v;
            return this;
        }

        public Builder beta1(double v) {
            beta1 = v;
            return this;
        }

        public Builder beta2(double v) {
            beta2 = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder sampleEvery(int v) {
            sampleEvery = v;
            return this;
        }

        public Builder sampleCount(int v) {
            sampleCount = v;
            return this;
        }

        public Builder dropLast(boolean v) {
            dropLast = v;
            return this;
        }

        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        public Builder keepCheckpoints(int v) {
            keepCheckpoints = v;
            return this;
        }

        public Builder evalEvery(int v) {
            evalEvery = v;
            return this;
        }

        public Builder optimizerG(OptimizerChoice.Kind v) {
            optimizerG = v;
            return this;
        }

        public Builder optimizerD(OptimizerChoice.Kind v) {
            optimizerD = v;
            return this;
        }

        public Builder clipG(double v) {
            clipG = v;
            return this;
        }

        public Builder clipD(double v) {
            clipD = v;
            return this;
        }

        public Builder decayG(double v) {
            decayG = v;
            return this;
        }

        public Builder decayD(double v) {
            decayD = v;
            return this;
        }

        public Builder realLabel(double v) {
            realLabel = v;
            return this;
        }

        public Builder flipLabels(double v) {
            flipLabels = v;
            return this;
        }

        public Builder dSteps(int v) {
            dSteps = v;
            return this;
        }

        public Builder instanceNoise(double v) {
            instanceNoise = v;
            return this;
        }

        public Builder instanceNoiseSteps(int v) {
            instanceNoiseSteps = v;
            return this;
        }

        public Builder device(Device v) {
            device = v;
            return this;
        }

        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        public Builder ema(double v) {
            ema = v;
            return this;
        }

        public Builder augment(Augmentation.Kind v) {
            augment = v;
            return this;
        }

        public Builder augmentPolicy(String v) {
            augmentPolicy = v;
            return this;
        }

        public Builder adaTarget(double v) {
            adaTarget = v;
            return this;
        }

        public Builder adaInterval(int v) {
            adaInterval = v;
            return this;
        }

        public Builder adaSpeed(int v) {
            adaSpeed = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public TrainConfig build() {
            return new TrainConfig(
                    epochs,
                    batchSize,
                    lrG,
                    lrD,
                    beta1,
                    beta2,
                    seed,
                    sampleEvery,
                    sampleCount,
                    dropLast,
                    checkpointEvery,
                    keepCheckpoints,
                    evalEvery,
                    new OptimizerChoice(optimizerG, clipG, decayG),
                    new OptimizerChoice(optimizerD, clipD, decayD),
                    new Tricks(realLabel, flipLabels, dSteps, instanceNoise, instanceNoiseSteps),
                    device,
                    precision,
                    ema,
                    new Augmentation(augment, augmentPolicy, adaTarget, adaInterval, adaSpeed));
        }
    }
}
