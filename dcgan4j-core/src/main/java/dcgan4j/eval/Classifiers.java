package dcgan4j.eval;

import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.Downloader;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.Split;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LeNet feature network of a labelled 28×28 dataset (MNIST, Fashion-MNIST, the built-in digits):
 * trained once on the dataset's training split, measured on its test split, and cached, so every
 * later evaluation uses the very same network and its numbers stay comparable.
 */
public final class Classifiers {
    private static final Logger LOG = LoggerFactory.getLogger(Classifiers.class);
    private static final long SEED = 20190101;

    /** A loaded classifier and the test accuracy measured when it was trained. */
    public record Trained(LeNet network, double testAccuracy, Path file) {}

    /**
     * How a classifier is trained.
     *
     * @param epochs         passes over the training split
     * @param syntheticTrain built-in digits rendered to train on (they have no fixed splits)
     * @param syntheticTest  built-in digits, from another seed, to measure the accuracy on
     */
    public record Recipe(int epochs, int syntheticTrain, int syntheticTest) {
        /** 4 epochs: MNIST reaches 99%, Fashion-MNIST 90% (README). */
        public static final Recipe DEFAULT = new Recipe(4, 30000, 5000);
    }

    private Classifiers() {}

    /** Whether dcgan4j trains its own classifier for this kind of data. */
    public static boolean supports(DatasetKind kind) {
        return kind == DatasetKind.MNIST || kind == DatasetKind.FASHION_MNIST || kind == DatasetKind.SYNTHETIC;
    }

    /**
     * Where the classifier of {@code data} is kept: beside the dataset's files when dcgan4j manages
     * them ({@code <cache-dir>/<dataset>/}, where downloads go), else in {@code <cache-dir>/classifiers/}.
     * A folder given with {@code --data-dir} is never written to: it may be shared or read-only.
     */
    public static Path cacheFile(DataRequest data) {
        String file = "lenet-" + data.kind().id() + ".safetensors";
        return data.dataDir() == null ? data.directory().resolve(file)
                : data.cacheDir().resolve("classifiers").resolve(file);
    }

    /** The cached classifier in {@code file}, trained and saved there first when it is missing. */
    public static Trained obtain(DataRequest data, Path file, Downloader downloader, Recipe recipe) throws IOException {
        if (!supports(data.kind())) {
            throw new IllegalArgumentException("dcgan4j trains classifiers for mnist, fashion-mnist and synthetic data only, not "
                    + data.kind().id() + "; give a feature network (setting 'inception')");
        }
        String name = "lenet-" + data.kind().id();
        LeNet network = new LeNet(name, 10);
        if (Files.isRegularFile(file)) {
            Map<String, String> metadata = network.load(file);
            return new Trained(network, Double.parseDouble(metadata.getOrDefault("dcgan4j.test_accuracy", "NaN")), file);
        }
        LOG.info("training the {} classifier ({} epochs on the training split); it is kept in {}", name, recipe.epochs(),
                file);
        long start = System.nanoTime();
        double accuracy;
        Torch.seed(SEED);
        try (ImageDataset train = Datasets.load(split(data, Split.TRAIN, recipe.syntheticTrain(), SEED), downloader)) {
            network.fit(train, recipe.epochs(), SEED);
        }
        try (ImageDataset test = Datasets.load(split(data, Split.TEST, recipe.syntheticTest(), SEED + 1), downloader)) {
            accuracy = network.accuracy(test);
        }
        LOG.info("{}: test accuracy {} after {} s", name, String.format(Locale.ROOT, "%.2f%%", 100 * accuracy),
                (System.nanoTime() - start) / 1_000_000_000);
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("dcgan4j.network", name);
        metadata.put("dcgan4j.test_accuracy", Double.toString(accuracy));
        metadata.put("dcgan4j.epochs", Integer.toString(recipe.epochs()));
        Files.createDirectories(file.toAbsolutePath().getParent());
        network.save(file, metadata);
        return new Trained(network, accuracy, file);
    }

    /** The dataset's split at LeNet's 28×28×1 (the built-in digits: a separately seeded set). */
    private static DataRequest split(DataRequest data, Split split, int syntheticCount, long syntheticSeed) {
        return data.toBuilder().split(split).imageSize(LeNet.SIDE).channels(1).crop(null).folderCache(false)
                .syntheticCount(syntheticCount).seed(syntheticSeed).build();
    }
}
