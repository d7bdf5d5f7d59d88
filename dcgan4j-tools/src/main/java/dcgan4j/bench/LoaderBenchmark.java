package dcgan4j.bench;

import dcgan4j.data.BatchPrefetcher;
import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;

/**
 * How fast data reaches the trainer: the one-off load (decoding, for folders) and the steady batch
 * rate of {@link BatchPrefetcher}, set against the training rate of the matching model. The data
 * must never be what training waits for.
 */
public final class LoaderBenchmark {
    /**
     * One dataset's figures.
     *
     * @param loadSeconds        reading (and for folders decoding) everything once, no cache
     * @param batchImagesPerSecond images per second the batch pipeline delivers
     * @param trainImagesPerSecond images per second training consumes at this image size (null if not measured)
     */
    public record Case(
            String name,
            int images,
            int imageSize,
            int channels,
            int batch,
            double loadSeconds,
            double batchImagesPerSecond,
            Double trainImagesPerSecond,
            Double loaderToTraining) {}

    private LoaderBenchmark() {}

    /** Synthetic digits always; MNIST, Fashion-MNIST, CIFAR-10 and the CelebA folder when under {@code dataRoot}. */
    static List<Case> run(Path dataRoot, double train28, double train64) throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.add(measure("synthetic", request(DatasetKind.SYNTHETIC, null, 28, 1), 128, train28));
        if (dataRoot != null) {
            addIfPresent(cases, dataRoot.resolve("mnist"), "mnist", DatasetKind.MNIST, 28, 1, train28);
            addIfPresent(
                    cases,
                    dataRoot.resolve("fashion-mnist"),
                    "fashion-mnist",
                    DatasetKind.FASHION_MNIST,
                    28,
                    1,
                    train28);
            addIfPresent(cases, dataRoot.resolve("cifar10"), "cifar10", DatasetKind.CIFAR10, 32, 3, null);
            addIfPresent(
                    cases, dataRoot.resolve("celeba-10k-89x109"), "celeba-10k-64", DatasetKind.FOLDER, 64, 3, train64);
        }
        return cases;
    }

    private static void addIfPresent(
            List<Case> cases, Path dir, String name, DatasetKind kind, int side, int channels, Double train)
            throws IOException {
        if (Files.isDirectory(dir)) {
            cases.add(measure(name, request(kind, dir, side, channels), side == 64 ? 64 : 128, train));
        }
    }

    /** No downloads and no decode cache: the figures are of reading and decoding themselves. */
    private static DataRequest request(DatasetKind kind, Path dir, int side, int channels) {
        return DataRequest.builder(kind)
                .dataDir(dir)
                .imageSize(side)
                .channels(channels)
                .folderCache(false)
                .build();
    }

    private static Case measure(String name, DataRequest request, int batch, Double trainImagesPerSecond)
            throws IOException {
        long start = System.nanoTime();
        try (ImageDataset data = Datasets.load(request, null)) {
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            EpochOrder order = new EpochOrder(data.size(), batch, 1, true);
            int batches = Math.min(order.batchesPerEpoch(), 200);
            long t0;
            try (var prefetcher = new BatchPrefetcher(data, order)) {
                prefetcher.start(0, 0);
                t0 = System.nanoTime();
                for (int b = 0; b < batches; b++) {
                    try (var scope = new PointerScope()) {
                        prefetcher.next();
                    }
                }
            }
            double rate = (double) batches * batch / ((System.nanoTime() - t0) / 1e9);
            return new Case(
                    name,
                    data.size(),
                    data.imageSize(),
                    data.channels(),
                    batch,
                    loadSeconds,
                    rate,
                    trainImagesPerSecond,
                    trainImagesPerSecond == null ? null : rate / trainImagesPerSecond);
        }
    }
}
