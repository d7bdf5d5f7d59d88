package dcgan4j.dashboard;

import dcgan4j.run.ModelFiles;
import dcgan4j.sample.TrainedGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generators the explorer has loaded, the few used last. Loading one reads its weights and checks
 * its convolution kernels, too slow to repeat at every slider step; keeping every run's would hold
 * native memory without bound. A run is explored with the generator {@code dcgan generate} would
 * use (the averaged one when it has it); when that file changes — a run finished, or a resumed one
 * saved again — it is loaded anew. A generator that leaves the cache is closed. Not thread-safe: the
 * explorer calls it under its lock.
 */
final class GeneratorCache implements AutoCloseable {
    private record Entry(Path file, FileTime modified, long size, TrainedGenerator generator) {
        boolean isOf(Path path, BasicFileAttributes now) {
            return file.equals(path) && modified.equals(now.lastModifiedTime()) && size == now.size();
        }
    }

    private final int capacity;
    private final LinkedHashMap<Path, Entry> entries = new LinkedHashMap<>(4, 0.75f, true);

    GeneratorCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * The run's generator, loaded when it is not cached or its file changed.
     *
     * @throws IllegalArgumentException when the run has no generator (yet)
     */
    TrainedGenerator get(ServedFolders.Run run) throws IOException {
        String name = ModelFiles.generatorFile(run.dir(), ModelFiles.Pick.PREFER_AVERAGED)
                .getFileName()
                .toString();
        Path file = run.file(name)
                .orElseThrow(() -> new IllegalArgumentException("run " + run.name() + " has no generator yet ("
                        + ModelFiles.GENERATOR_FILE + " is saved when training ends)"));
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Entry cached = entries.get(run.dir());
        if (cached != null && cached.isOf(file, attributes)) {
            return cached.generator();
        }
        if (cached != null) {
            entries.remove(run.dir()).generator().close();
        }
        TrainedGenerator generator = TrainedGenerator.load(file);
        entries.put(run.dir(), new Entry(file, attributes.lastModifiedTime(), attributes.size(), generator));
        for (Iterator<Map.Entry<Path, Entry>> eldest = entries.entrySet().iterator(); entries.size() > capacity; ) {
            eldest.next().getValue().generator().close();
            eldest.remove();
        }
        return generator;
    }

    @Override
    public void close() {
        entries.values().forEach(e -> e.generator().close());
        entries.clear();
    }
}
