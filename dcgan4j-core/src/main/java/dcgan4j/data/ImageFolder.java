package dcgan4j.data;

import dcgan4j.io.Safetensors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Any folder of images, searched recursively (symbolic links followed, loops detected), decoded in
 * parallel on all cores. Files that cannot be read are skipped and counted, never fatal; a folder
 * without a single readable image is. The decoded images can be cached on disk, keyed by the files'
 * names, sizes and times and the decoding settings, so a second run skips decoding.
 */
final class ImageFolder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");
    private static final int NAMED_SKIPS = 5;

    /** Files found, and those that could not even be listed. */
    record Scan(List<Path> images, List<String> problems) {}

    private ImageFolder() {}

    static ImageDataset load(Path dir, int side, int channels, CropBox crop, Path cacheDir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new java.nio.file.NoSuchFileException(dir.toString(), null, "no such folder");
        }
        Scan scan = scan(dir);
        if (scan.images().isEmpty()) {
            throw new IOException("no images ("
                    + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ") in " + dir
                    + problemsSuffix(scan.problems()));
        }
        Path cached = cacheDir == null
                ? null
                : cacheDir.resolve("folders").resolve(key(dir, scan, side, channels, crop) + ".safetensors");
        if (cached != null && Files.isRegularFile(cached)) {
            try {
                ImageDataset fromCache = readCache(dir, cached);
                LOG.info("{} images of {} from the decode cache {}", fromCache.size(), dir, cached);
                return fromCache;
            } catch (IOException e) {
                LOG.warn("ignoring a broken decode cache {}: {}", cached, e.getMessage());
            }
        }
        ImageDataset decoded = decode(dir, scan, side, channels, crop);
        if (cached != null) {
            writeCache(decoded, cached);
        }
        return decoded;
    }

    static Scan scan(Path dir) throws IOException {
        List<Path> images = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (!EXTENSIONS.contains(extension(file))) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isRegularFile()) {
                    images.add(file);
                } else { // a pipe would block the decoder for ever; a dangling link reads as one here
                    problems.add(dir.relativize(file)
                            + (attrs.isSymbolicLink() ? " (broken symbolic link)" : " (not a regular file)"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                problems.add(dir.relativize(file)
                        + (e instanceof FileSystemLoopException
                                ? " (symbolic link loop)"
                                : " (" + e.getClass().getSimpleName() + ")"));
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(images);
        return new Scan(images, problems);
    }

    private static ImageDataset decode(Path dir, Scan scan, int side, int channels, CropBox crop) throws IOException {
        List<Path> files = scan.images();
        byte[][] decoded = new byte[files.size()][];
        String[] errors = new String[files.size()];
        long start = System.nanoTime();
        IntStream.range(0, files.size()).parallel().forEach(i -> {
            try {
                decoded[i] = ImageDecoder.decode(files.get(i), side, channels, crop);
            } catch (IOException | RuntimeException e) {
                errors[i] = dir.relativize(files.get(i)) + " (" + e.getMessage() + ")";
            }
        });
        List<String> skipped = new ArrayList<>(scan.problems());
        int ok = 0;
        for (int i = 0; i < files.size(); i++) {
            if (decoded[i] != null) {
                ok++;
            } else {
                skipped.add(errors[i]);
            }
        }
        if (ok == 0) {
            throw new IOException("no readable image in " + dir + problemsSuffix(skipped));
        }
        if (!skipped.isEmpty()) {
            LOG.warn(
                    "skipped {} unreadable file(s) in {}: {}",
                    skipped.size(),
                    dir,
                    String.join("; ", skipped.subList(0, Math.min(NAMED_SKIPS, skipped.size())))
                            + (skipped.size() > NAMED_SKIPS ? "; …" : ""));
        }
        int per = channels * side * side;
        byte[] pixels = new byte[ok * per];
        int k = 0;
        for (byte[] image : decoded) {
            if (image != null) {
                System.arraycopy(image, 0, pixels, k++ * per, per);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info(
                "decoded {} images of {} in {} s ({} images/s)",
                ok,
                dir,
                String.format(Locale.ROOT, "%.1f", seconds),
                String.format(Locale.ROOT, "%.0f", files.size() / seconds));
        return ImageDataset.of(
                dir.getFileName() == null ? "folder" : dir.getFileName().toString(),
                pixels,
                ok,
                channels,
                side,
                null,
                0);
    }

    private static String problemsSuffix(List<String> problems) {
        if (problems.isEmpty()) {
            return "";
        }
        return " (" + problems.size() + " skipped: "
                + String.join("; ", problems.subList(0, Math.min(NAMED_SKIPS, problems.size())))
                + (problems.size() > NAMED_SKIPS ? "; …" : "") + ")";
    }

    private static String key(Path dir, Scan scan, int side, int channels, CropBox crop) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((dir.toRealPath() + "|" + side + "|" + channels + "|" + crop + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            for (Path f : scan.images()) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                sha.update((dir.relativize(f) + "|" + a.size() + "|"
                                + a.lastModifiedTime().toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImageDataset readCache(Path dir, Path cached) throws IOException {
        Safetensors.Contents c = Safetensors.read(cached);
        Tensor images = c.tensors().get("images");
        if (images == null) {
            throw new IOException("no images tensor");
        }
        return new ImageDataset(c.metadata().getOrDefault("name", dir.toString()), images, null, 0);
    }

    private static void writeCache(ImageDataset data, Path cached) {
        try {
            Safetensors.write(cached, Map.of("images", data.images()), Map.of("name", data.name()));
            LOG.info("decode cache written: {}", cached);
        } catch (IOException e) {
            LOG.warn("could not write the decode cache {}: {}", cached, e.getMessage());
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
