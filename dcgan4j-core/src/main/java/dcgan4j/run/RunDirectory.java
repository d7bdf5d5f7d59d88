package dcgan4j.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Where a training run keeps what it makes: sample grids, metrics and weights. The names follow
 * pytorch/examples dcgan ({@code real_samples.png}, {@code fake_samples_step_N.png}).
 */
public final class RunDirectory {
    public static final String METRICS_FILE = "metrics.csv";
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

    /** Fails early, before any slow work, when {@code dir} already holds a training run. */
    public static void requireUnused(Path dir) throws IOException {
        if (Files.exists(dir.resolve(METRICS_FILE))) {
            throw new IOException(dir + " already holds a training run; choose another --out");
        }
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

    public Path metrics() {
        return root.resolve(METRICS_FILE);
    }

    public Path generatorWeights() {
        return root.resolve(ModelFiles.GENERATOR_FILE);
    }

    public Path discriminatorWeights() {
        return root.resolve(ModelFiles.DISCRIMINATOR_FILE);
    }
}
