package dcgan4j.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a training run keeps what it makes: its configuration, sample grids, metrics, charts,
 * checkpoints and weights. The names follow
 * pytorch/examples dcgan ({@code real_samples.png}, {@code fake_samples_step_N.png}).
 */
public final class RunDirectory {
    public static final String METRICS_FILE = "metrics.csv";
    /** Where the run is and how it ended ({@code dcgan4j.monitor.RunStatusFile}). */
    public static final String STATUS_FILE = "status.json";

    private static final Pattern FAKE = Pattern.compile("fake_samples_step_(\\d+)\\.png");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final Path root;

    private RunDirectory(Path root) {
        this.root = root;
    }

    /** A new run under {@code parent}, named by the local time, e.g. {@code runs/20261122-130405}. */
    public static RunDirectory createTimestamped(Path parent) throws IOException {
        String name = LocalDateTime.now().format(STAMP);
        Path dir = parent.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(name + "-" + i);
        }
        return create(dir);
    }

    /** A new run in {@code dir}; refuses a directory that already holds a run. */
    public static RunDirectory create(Path dir) throws IOException {
        requireUnused(dir);
        Files.createDirectories(dir);
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
        return new RunDirectory(dir);
    }

    /** An existing run, to be resumed. */
    public static RunDirectory open(Path dir) throws IOException {
        if (!isRun(dir)) {
            throw new java.nio.file.NoSuchFileException(
                    dir.toString(), null, "not a dcgan4j run directory (no " + METRICS_FILE + ")");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + " is not writable");
        }
        return new RunDirectory(dir);
    }

    /** A run to look at, not to write to (a viewer's): nothing is checked, nothing created. */
    public static RunDirectory view(Path dir) {
        return new RunDirectory(dir);
    }

    /** Fails early, before any slow work, when {@code dir} already holds a training run. */
    public static void requireUnused(Path dir) throws IOException {
        if (isRun(dir)) {
            throw new IOException(
                    dir + " already holds a training run; choose another run directory (setting 'runDirectory')");
        }
    }

    /** Whether {@code dir} holds a training run (it has a metrics file). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(METRICS_FILE));
    }

    public Path root() {
        return root;
    }

    public Path realSamples() {
        return root.resolve("real_samples.png");
    }

    public Path fakeSamples(long step) {
        return root.resolve("fake_samples_step_" + step + ".png");
    }

    public Path status() {
        return root.resolve(STATUS_FILE);
    }

    public Path metrics() {
        return root.resolve(METRICS_FILE);
    }

    public Path generatorWeights() {
        return root.resolve(ModelFiles.GENERATOR_FILE);
    }

    public Path discriminatorWeights() {
        return root.resolve(ModelFiles.DISCRIMINATOR_FILE);
    }

    /** The averaged generator ({@code TrainConfig.ema}), with BatchNorm statistics of its own. */
    public Path averagedGeneratorWeights() {
        return root.resolve(ModelFiles.AVERAGED_GENERATOR_FILE);
    }

    /** The generator at the step with the lowest FID so far ({@code --eval-every}). */
    public Path bestGeneratorWeights() {
        return root.resolve(ModelFiles.BEST_GENERATOR_FILE);
    }

    /** The resolved configuration the run was started (or last resumed) with. */
    public Path config() {
        return root.resolve("config.yaml");
    }

    public Checkpoints checkpoints(int keep) {
        return new Checkpoints(root, keep);
    }

    /** Loss_D and Loss_G over the steps. */
    public Path lossPlot() {
        return root.resolve("loss.png");
    }

    /** D(x) and D(G(z)) over the steps. */
    public Path discriminatorPlot() {
        return root.resolve("d_outputs.png");
    }

    /** FID over the steps, when the run measures it. */
    public Path fidPlot() {
        return root.resolve("fid.png");
    }

    /** The fixed-noise grids in order, animated. */
    public Path progressGif() {
        return root.resolve("progress.gif");
    }

    /** The fixed-noise grids written so far, in step order. */
    public List<Path> fakeSampleFiles() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(p -> FAKE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(RunDirectory::sampleStep))
                    .toList();
        }
    }

    /** The step of a fixed-noise grid file ({@code fake_samples_step_N.png}); -1 for any other file. */
    public static long sampleStep(Path file) {
        Matcher m = FAKE.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
