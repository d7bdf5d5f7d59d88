package dcgan4j.data;

import java.nio.file.Path;

/**
 * What to load and how.
 *
 * @param kind           which dataset
 * @param dataDir        where its files are (downloads go here too); null = {@code <cacheDir>/<kind>}
 * @param split          train, test or both, for datasets that have them
 * @param imageSize      side the images are brought to (folders are decoded straight to it)
 * @param channels       1 (grey) or 3 (RGB)
 * @param crop           region cut out of each folder image before resizing, or null
 * @param cacheDir       downloads and decoded-folder caches; see {@link #defaultCacheDir()}
 * @param folderCache    keep decoded folder images on disk so the next run skips decoding
 * @param syntheticCount images of built-in digits to render
 * @param seed           seed of the built-in digits
 */
public record DataRequest(DatasetKind kind, Path dataDir, Split split, int imageSize, int channels, CropBox crop,
                          Path cacheDir, boolean folderCache, int syntheticCount, long seed) {
    public DataRequest {
        if (kind == null || split == null || cacheDir == null) {
            throw new IllegalArgumentException("dataset kind, split and cache directory are required");
        }
        if (kind == DatasetKind.FOLDER && dataDir == null) {
            throw new IllegalArgumentException("the folder dataset needs --data-dir PATH");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + imageSize);
        }
    }

    /** The directory holding this dataset's files. */
    public Path directory() {
        return dataDir != null ? dataDir : cacheDir.resolve(kind.id());
    }

    /** {@code $XDG_CACHE_HOME/dcgan4j}, else {@code ~/.cache/dcgan4j}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("dcgan4j");
    }
}
