package dcgan4j.run;

import dcgan4j.io.Safetensors;
import dcgan4j.model.ModelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code checkpoints/} folder of a run: one safetensors file per checkpoint
 * ({@code step-000001500.safetensors}), written atomically with a checksum, the newest K kept. A
 * crash at any moment leaves the previous checkpoints intact: a file appears only once complete.
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    public static final String DIRECTORY = "checkpoints";
    private static final Pattern NAME = Pattern.compile("step-(\\d+)\\.safetensors");
    private static final String KIND = "dcgan4j.checkpoint";

    private final Path dir;
    private final int keep;

    public Checkpoints(Path runRoot, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("at least one checkpoint must be kept, got " + keep);
        }
        this.dir = runRoot.resolve(DIRECTORY);
        this.keep = keep;
    }

    /** Writes the checkpoint, then deletes all but the newest {@code keep}. */
    public Path save(Checkpoint c) throws IOException {
        Map<String, String> metadata = ModelFiles.metadata(c.model());
        metadata.put(KIND, "1");
        metadata.put("dcgan4j.step", Long.toString(c.step()));
        metadata.put("dcgan4j.epoch", Integer.toString(c.epoch()));
        metadata.put("dcgan4j.batches_done", Integer.toString(c.batchesDone()));
        metadata.put("dcgan4j.config", c.config());
        Path file = dir.resolve(String.format("step-%09d.safetensors", c.step()));
        Safetensors.write(file, c.tensors(), metadata);
        List<Path> all = files();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            Files.deleteIfExists(old);
        }
        return file;
    }

    /**
     * The newest checkpoint that reads back intact; damaged ones are skipped with a warning.
     *
     * @return empty when the run has no checkpoint
     */
    public Optional<Checkpoint> latest() throws IOException {
        for (Path file : files()) {
            try {
                return Optional.of(load(file));
            } catch (IOException e) {
                LOG.warn("skipping checkpoint {}: {}", file, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads one checkpoint file; it must carry a matching checksum. */
    public static Checkpoint load(Path file) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, String> meta = contents.metadata();
        if (!isCheckpoint(meta)) {
            throw new IOException(file + " is not a dcgan4j checkpoint");
        }
        if (!contents.checksummed()) {
            throw new IOException(file + " has no checksum");
        }
        ModelConfig model = ModelFiles.config(file, meta);
        try {
            return new Checkpoint(
                    Long.parseLong(meta.get("dcgan4j.step")),
                    Integer.parseInt(meta.get("dcgan4j.epoch")),
                    Integer.parseInt(meta.get("dcgan4j.batches_done")),
                    model,
                    meta.getOrDefault("dcgan4j.config", ""),
                    new LinkedHashMap<>(contents.tensors()));
        } catch (RuntimeException e) {
            throw new IOException(file + " has a damaged checkpoint position", e);
        }
    }

    /** Whether a safetensors file with this metadata is a checkpoint rather than one network's weights. */
    static boolean isCheckpoint(Map<String, String> metadata) {
        return metadata.containsKey(KIND);
    }

    /** Checkpoint files, newest first. */
    List<Path> files() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort(Comparator.comparingLong(Checkpoints::step).reversed());
        return files;
    }

    private static long step(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
