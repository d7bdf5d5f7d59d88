package dcgan4j.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The folders a dashboard shows, and the only place it reads files from. Runs are the folder itself
 * or the directories up to two levels below it that hold a {@code metrics.csv} or {@code config.yaml}
 * (symbolic links are not followed while looking). A file is served only when its real path — links
 * resolved — lies inside a folder's real path, its name has one of a few extensions, and no part of
 * the request path is {@code ..}, {@code .} or empty.
 */
final class ServedFolders {
    /** How deep below a folder runs are looked for: {@code runs/<name>} and {@code runs/<group>/<name>}. */
    private static final int DEPTH = 3;

    private static final Set<String> MARKERS = Set.of("metrics.csv", "config.yaml");
    private static final Set<String> EXTENSIONS = Set.of("png", "gif", "csv", "yaml", "json");
    private final List<Path> roots;

    /**
     * A run: {@code id} is the folder's index, then the path below it ({@code 0/20261122-154108});
     * {@code root} the real path of its folder.
     */
    record Run(String id, String name, Path dir, Path root) {
        /** A file of the run, if it is one and lies inside the folder (a link that leads out is not). */
        Optional<Path> file(String fileName) {
            return inside(root, dir.resolve(fileName));
        }
    }

    ServedFolders(List<Path> folders) throws IOException {
        List<Path> real = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw Files.exists(folder)
                        ? new NotDirectoryException(folder.toString())
                        : new NoSuchFileException(folder.toString(), null, "no such folder of runs");
            }
            real.add(folder.toRealPath());
        }
        roots = List.copyOf(real);
    }

    List<Path> roots() {
        return roots;
    }

    /** Every run under the folders, in name order (timestamped names sort by time). */
    List<Run> runs() throws IOException {
        List<Run> runs = new ArrayList<>();
        for (int k = 0; k < roots.size(); k++) {
            Path root = roots.get(k);
            try (Stream<Path> dirs = Files.walk(root, DEPTH - 1)) {
                for (Path dir : dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS))
                        .filter(ServedFolders::isRun)
                        .toList()) {
                    String below = root.relativize(dir).toString().replace('\\', '/');
                    String name = below.isEmpty()
                            ? root.getFileName().toString()
                            : roots.size() > 1 ? root.getFileName() + "/" + below : below;
                    runs.add(new Run(below.isEmpty() ? String.valueOf(k) : k + "/" + below, name, dir, root));
                }
            }
        }
        runs.sort(Comparator.comparing(Run::name));
        return runs;
    }

    Optional<Run> run(String id) throws IOException {
        return runs().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The file at {@code segments} below folder number {@code segments[0]}, if it may be served. */
    Optional<Path> file(List<String> segments) {
        if (segments.size() < 2
                || segments.stream()
                        .anyMatch(s -> s.isEmpty()
                                || s.equals(".")
                                || s.equals("..")
                                || s.indexOf('\\') >= 0
                                || s.indexOf(0) >= 0)
                || !segments.get(0).matches("\\d{1,3}")) {
            return Optional.empty();
        }
        int k = Integer.parseInt(segments.get(0));
        String name = segments.get(segments.size() - 1);
        int dot = name.lastIndexOf('.');
        if (k >= roots.size() || name.startsWith(".") || dot < 0 || !EXTENSIONS.contains(name.substring(dot + 1))) {
            return Optional.empty();
        }
        try {
            return inside(roots.get(k), roots.get(k).resolve(String.join("/", segments.subList(1, segments.size()))));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** {@code file}'s real path, when it is a regular file inside {@code root} (a real path). */
    private static Optional<Path> inside(Path root, Path file) {
        try {
            Path real = file.toRealPath();
            return real.startsWith(root) && Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRun(Path dir) {
        return MARKERS.stream().anyMatch(m -> Files.isRegularFile(dir.resolve(m)));
    }
}
