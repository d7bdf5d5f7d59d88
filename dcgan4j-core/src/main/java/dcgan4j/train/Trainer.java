package dcgan4j.train;

import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.RunDirectory;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.LeaderOutputs;
import dcgan4j.train.outputs.Position;
import dcgan4j.train.outputs.ProgressCharts;
import dcgan4j.train.outputs.Quality;
import dcgan4j.train.outputs.RankOutputs;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.parallel.RankContext;
import dcgan4j.train.step.GanStep;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bytedeco.pytorch.Tensor;

/**
 * Trains a DCGAN into a run directory, or continues one: the library's entry point.
 *
 * <pre>{@code
 * try (ImageDataset digits = SyntheticDigits.generate(6_400, 1)) {
 *     Trainer.builder().data(digits).config(TrainConfig.builder().epochs(1).build())
 *             .runDirectory(Path.of("runs/mine")).build().train();
 * }
 * }</pre>
 *
 * Everything a run leaves besides weights and checkpoints — progress display, charts, event files, a
 * live page — is a {@link TrainingListener}; the charts and GIF ({@link ProgressCharts}) are added
 * unless turned off. A run resumed from a checkpoint continues exactly: same weights, optimizer
 * moments, random states and position in the epoch's data order, so on the CPU it ends
 * bit-identical to a run that never stopped.
 */
public final class Trainer {
    /** How a run ended: all epochs done, or stopped early on request after {@code steps}. */
    public record Result(long steps, boolean completed) {}

    private final ImageDataset data;
    private final ModelConfig model;
    private final TrainConfig config;
    private final RunDirectory run;
    private final RankContext ranks;
    private final LeaderOutputs.Setup outputs;
    private volatile boolean stopRequested;

    private Trainer(Builder b) throws IOException {
        this.data = Objects.requireNonNull(b.data, "data");
        this.model = b.model != null ? b.model : ModelConfig.of(data.imageSize(), data.channels());
        this.config = b.config;
        if (data.channels() != model.channels() || data.imageSize() != model.imageSize()) {
            throw new IllegalArgumentException("the data is " + data.imageSize() + "x" + data.imageSize() + "x"
                    + data.channels() + " but the model is built for " + model.imageSize() + "x"
                    + model.imageSize() + "x" + model.channels());
        }
        if (model.variant().conditional() && data.classes() != model.variant().classes()) {
            throw new IllegalArgumentException("a conditional model needs labelled data of "
                    + model.variant().classes() + " classes; " + data.name() + " has "
                    + (data.classes() == 0 ? "no labels" : data.classes() + " classes"));
        }
        Network.checkKernels(model, config.precision(), config.device()); // before the run directory is made
        this.ranks = b.ranks;
        boolean leader = ranks.isLeader(); // the other ranks of a job write nothing and tell no one
        this.run = b.run != null || !leader ? b.run : RunDirectory.createTimestamped(Path.of("runs"));
        List<TrainingListener> all = new ArrayList<>(leader ? b.listeners : List.of());
        if (b.charts && leader) {
            all.add(0, new ProgressCharts(run));
        }
        String configText = b.configText != null ? b.configText : config.toYaml();
        this.outputs = new LeaderOutputs.Setup(
                data, model, config, run, TrainingListener.all(all), configText, b.probe, ranks.worldSize());
    }

    public static Builder builder() {
        return new Builder();
    }

    public RunDirectory runDirectory() {
        return run;
    }

    /** Asks the run to finish the current step, write a checkpoint and return; safe from any thread. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Trains from scratch for the configured epochs; refuses a run directory that already holds a run. */
    public Result train() throws IOException {
        if (ranks.isLeader()) {
            RunDirectory.requireUnused(run.root());
        }
        return loop().run(null);
    }

    /** Continues from the run directory's newest readable checkpoint. */
    public Result resume() throws IOException {
        Checkpoint latest = run.checkpoints(config.keepCheckpoints())
                .latest()
                .orElseThrow(() -> new NoSuchFileException(
                        run.root().toString(), null, "the run has no checkpoint to resume from"));
        return resume(latest);
    }

    /**
     * Continues from a checkpoint of this run.
     *
     * @throws IllegalArgumentException when the checkpoint is of another architecture, or was trained with
     *                                  settings other than this trainer's (only the schedule may change)
     */
    public Result resume(Checkpoint from) throws IOException {
        if (!from.model().equals(model)) {
            throw new IllegalArgumentException("the checkpoint is for a " + from.model() + " model, not " + model);
        }
        TrainConfig.fromRecord(from.config()).requireResumableAs(config);
        return loop().run(from);
    }

    private TrainingLoop loop() {
        TrainingLoop.Outputs rankOutputs = ranks.isLeader()
                ? (order, at, from) -> new LeaderOutputs(outputs, order, at, from)
                : (order, at, from) -> RankOutputs.NONE; // the other ranks of a job record nothing
        return new TrainingLoop(data, model, config, ranks, rankOutputs, () -> stopRequested);
    }

    /**
     * A checkpoint before the first step, from networks made elsewhere (e.g. imported PyTorch
     * weights): {@link #resume(Checkpoint)} then trains them on, with fresh optimizers.
     *
     * @param averaged an averaged generator's state dict to go on averaging from (it needs
     *                 {@link TrainConfig#ema()} above 0), or null to start the average at G
     */
    public static Checkpoint initialCheckpoint(
            Generator generator,
            Discriminator discriminator,
            Map<String, Tensor> averaged,
            TrainConfig config,
            String configText) {
        if (averaged != null && config.ema() == 0) {
            throw new IllegalArgumentException(
                    "an averaged generator is averaged on only with a decay (setting 'ema')");
        }
        Torch.seed(config.seed());
        try (var trainer = new GanStep(generator, discriminator, config);
                var fixedRng = LatentNoise.generator(config.seed() + 1)) {
            var fixedNoise = LatentNoise.sample(config.sampleCount(), generator.config(), fixedRng);
            Map<String, Tensor> state = trainer.state();
            if (averaged != null) {
                try (var average = new Generator(generator.config())) {
                    average.loadStateDict(averaged); // checks names and shapes
                }
                averaged.forEach((name, t) -> state.put(GanStep.NET_G_EMA + name, t.cpu()));
            }
            return LeaderOutputs.checkpoint(
                    new Position(0, 1, 0, 0), generator.config(), state, fixedNoise, configText);
        }
    }

    /** What to train on and how; only the data is required. */
    public static final class Builder {
        private ImageDataset data;
        private ModelConfig model;
        private TrainConfig config = TrainConfig.DEFAULTS;
        private RunDirectory run;
        private final List<TrainingListener> listeners = new ArrayList<>();
        private boolean charts = true;
        private String configText;
        private Quality.Probe probe;
        private RankContext ranks = RankContext.SINGLE;

        private Builder() {}

        /** The images to learn; the caller keeps ownership (and closes them). */
        public Builder data(ImageDataset images) {
            data = images;
            return this;
        }

        /** The networks (default: the paper's for the data's image size and channels). */
        public Builder model(ModelConfig architecture) {
            model = architecture;
            return this;
        }

        /** How to train (default: {@link TrainConfig#DEFAULTS}). */
        public Builder config(TrainConfig settings) {
            config = Objects.requireNonNull(settings);
            return this;
        }

        /** Where the run goes (default: a new timestamped folder under {@code runs/}). */
        public Builder run(RunDirectory directory) {
            run = directory;
            return this;
        }

        /** A new run directory under {@code parent}, named by the local time ({@code runs/20261202-101500}). */
        public Builder runsIn(Path parent) throws IOException {
            run = RunDirectory.createTimestamped(parent);
            return this;
        }

        /** A new run directory at {@code dir} (it must not hold a run yet), or the existing run there to resume. */
        public Builder runDirectory(Path dir) throws IOException {
            run = RunDirectory.isRun(dir) ? RunDirectory.open(dir) : RunDirectory.create(dir);
            return this;
        }

        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /** Whether to redraw loss charts and the progress GIF at each checkpoint (default: yes). */
        public Builder charts(boolean draw) {
            charts = draw;
            return this;
        }

        /**
         * The caller's record of the run's settings, stored in every checkpoint for it to read back on
         * resume (the command line keeps its config.yaml there); default: the training settings as JSON.
         */
        public Builder configText(String text) {
            configText = text;
            return this;
        }

        /** Measures FID and KID every {@link TrainConfig#evalEvery()} steps, keeping the best generator. */
        public Builder evaluateWith(Quality.Probe qualityProbe) {
            probe = qualityProbe;
            return this;
        }

        /**
         * This process's place in a data-parallel job (default: {@link RankContext#SINGLE}); the
         * {@link TrainConfig#batchSize()} is then per process. Only rank 0 writes the run directory and
         * tells the listeners; the others need no run directory unless they resume from it.
         */
        public Builder ranks(RankContext job) {
            ranks = Objects.requireNonNull(job);
            return this;
        }

        public Trainer build() throws IOException {
            return new Trainer(this);
        }
    }
}
