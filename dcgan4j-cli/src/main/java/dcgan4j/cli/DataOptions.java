package dcgan4j.cli;

import dcgan4j.data.CropBox;
import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Downloader;
import dcgan4j.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which data to use: shared by every command that reads a dataset. */
final class DataOptions {
    @Option(
            names = "--dataset",
            paramLabel = "NAME|DIR",
            description = "synthetic, mnist, fashion-mnist, cifar10, folder, or a folder path (default: synthetic, "
                    + "or folder when --data-dir is given)")
    String dataset;

    @MayChangeOnResume
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "where the dataset's files are; missing public files are downloaded there "
                    + "(default: <cache-dir>/<dataset>)")
    Path dataDir;

    @Option(
            names = "--split",
            paramLabel = "SPLIT",
            defaultValue = "train",
            description = "train, test or all, for datasets with splits (default: ${DEFAULT-VALUE})")
    Split split;

    @Option(
            names = "--crop",
            paramLabel = "X,Y,W,H",
            description = "cut this box out of each folder image before resizing, e.g. 25,50,128,128 for CelebA faces")
    String crop;

    @MayChangeOnResume
    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "downloads and decoded-folder caches (default: $XDG_CACHE_HOME/dcgan4j or ~/.cache/dcgan4j)")
    Path cacheDir;

    @MayChangeOnResume
    @Option(names = "--no-download", description = "never download; fail with the list of files to put in place")
    boolean noDownload;

    @MayChangeOnResume
    @Option(names = "--no-decode-cache", description = "decode image folders every time instead of caching them")
    boolean noDecodeCache;

    @Option(
            names = "--synthetic-count",
            paramLabel = "N",
            defaultValue = "32000",
            description = "images of built-in digits to render (default: ${DEFAULT-VALUE})")
    int syntheticCount;

    DatasetKind kind() {
        if (dataset == null) {
            return dataDir == null ? DatasetKind.SYNTHETIC : DatasetKind.FOLDER;
        }
        return isFolderPath(dataset) ? DatasetKind.FOLDER : DatasetKind.fromId(dataset);
    }

    /** The request for the model's image shape; null size or channels mean "the data's own". */
    DataRequest request(Integer imageSize, Integer channels, long seed) {
        DatasetKind kind = kind();
        Path dir = dataDir;
        if (dataset != null && isFolderPath(dataset)) {
            dir = Path.of(dataset);
        }
        DataRequest.Builder request = DataRequest.builder(kind)
                .dataDir(dir)
                .split(split)
                .crop(crop == null ? null : CropBox.parse(crop))
                .folderCache(!noDecodeCache)
                .syntheticCount(syntheticCount)
                .seed(seed);
        if (imageSize != null) {
            request.imageSize(imageSize);
        }
        if (channels != null) {
            request.channels(channels);
        }
        if (cacheDir != null) {
            request.cacheDir(cacheDir);
        }
        return request.build();
    }

    /** Replaces "the default" with what the request resolved it to, so a recorded config names it. */
    void record(DataRequest request) {
        dataset = request.kind().id();
        dataDir = request.dataDir();
    }

    Downloader downloader() {
        return noDownload ? null : Downloader.standard();
    }

    /** A dataset name always means the dataset, even where a folder of that name exists. */
    private static boolean isFolderPath(String value) {
        boolean known = java.util.Arrays.stream(DatasetKind.values()).anyMatch(k -> k.id().equalsIgnoreCase(value));
        return !known && (value.contains("/") || value.contains("\\") || Files.isDirectory(Path.of(value)));
    }
}
