package dcgan4j.data;

import java.nio.file.Path;

/**
 * What to load and how, built from the dataset's own defaults with {@link #builder(DatasetKind)}.
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
 * @param seed           seed of the built-in digits and of the subset's choice
 * @param subset         train on this many of the images, drawn from {@code seed}; 0 = all of them
 * @param mirror         add each image's left-right mirror image, doubling the data (after the subset);
 *                       not for digits, where a mirrored digit is another symbol
 */
public record DataRequest(
        DatasetKind kind,
        Path dataDir,
        Split split,
        int imageSize,
        int channels,
        CropBox crop,
        Path cacheDir,
        boolean folderCache,
        int syntheticCount,
        long seed,
        int subset,
        boolean mirror) {
    public DataRequest {
        if (kind == null || split == null || cacheDir == null) {
            throw new IllegalArgumentException("dataset kind, split and cache directory are required");
        }
        if (kind == DatasetKind.FOLDER && dataDir == null) {
            throw new IllegalArgumentException("the folder dataset needs a data directory (setting 'dataDir')");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (imageSize < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + imageSize);
        }
        if (subset < 0) {
            throw new IllegalArgumentException(
                    "setting 'subset' is a number of images (0 = all of them), got " + subset);
        }
        if (mirror && !kind.mirrorable()) {
            throw new IllegalArgumentException("setting 'mirror' is not for " + kind.id()
                    + ": a mirrored digit is another symbol (folders, cifar10 and fashion-mnist may be mirrored)");
        }
    }

    /**
     * The dataset's own shape and a train split, all its images unmirrored; the default cache, 32,000
     * built-in digits of seed 1.
     */
    public static Builder builder(DatasetKind kind) {
        return new Builder(kind);
    }

    /** A builder holding this request, to change a few settings. */
    public Builder toBuilder() {
        return new Builder(kind)
                .dataDir(dataDir)
                .split(split)
                .imageSize(imageSize)
                .channels(channels)
                .crop(crop)
                .cacheDir(cacheDir)
                .folderCache(folderCache)
                .syntheticCount(syntheticCount)
                .seed(seed)
                .subset(subset)
                .mirror(mirror);
    }

    /**
     * The same data without subset and mirror: what a subset is drawn from, and what held-out
     * images and classifiers are taken from, which must not shrink with the training set.
     */
    public DataRequest allImages() {
        return toBuilder().subset(0).mirror(false).build();
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

    /** The settings one by one; each method is named as the record component it sets. */
    public static final class Builder {
        private final DatasetKind kind;
        private Path dataDir;
        private Split split = Split.TRAIN;
        private int imageSize;
        private int channels;
        private CropBox crop;
        private Path cacheDir = defaultCacheDir();
        private boolean folderCache = true;
        private int syntheticCount = 32_000;
        private long seed = 1;
        private int subset;
        private boolean mirror;

        private Builder(DatasetKind kind) {
            if (kind == null) {
                throw new IllegalArgumentException("a dataset kind is required");
            }
            this.kind = kind;
            this.imageSize = kind.imageSize();
            this.channels = kind.channels();
        }

        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        public Builder split(Split v) {
            split = v;
            return this;
        }

        public Builder imageSize(int v) {
            imageSize = v;
            return this;
        }

        public Builder channels(int v) {
            channels = v;
            return this;
        }

        public Builder crop(CropBox v) {
            crop = v;
            return this;
        }

        public Builder cacheDir(Path v) {
            cacheDir = v;
            return this;
        }

        public Builder folderCache(boolean v) {
            folderCache = v;
            return this;
        }

        public Builder syntheticCount(int v) {
            syntheticCount = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder subset(int v) {
            subset = v;
            return this;
        }

        public Builder mirror(boolean v) {
            mirror = v;
            return this;
        }

        public DataRequest build() {
            return new DataRequest(
                    kind,
                    dataDir,
                    split,
                    imageSize,
                    channels,
                    crop,
                    cacheDir,
                    folderCache,
                    syntheticCount,
                    seed,
                    subset,
                    mirror);
        }
    }
}
