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
import java.util.StringJoiner;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LeNet feature network of a labelled 28×28 dataset (MNIST, Fashion-MNIST, the built-in digits).
 * MNIST and Fashion-MNIST have one shipped with dcgan4j ({@link ShippedClassifiers}), the same on
 * every machine. Other data gets one trained on its training split on first use, measured on its
 * test split and cached, so that at least every later evaluation on this machine uses the very same
 * network.
 */
public final class Classifiers {
    private static final Logger LOG = LoggerFactory.getLogger(Classifiers.class);
    private static final long SEED = 20190101;
    /** Metadata key of the test accuracy. */
    static final String ACCURACY = "dcgan4j.test_accuracy";

    /**
     * A loaded classifier and the test accuracy measured when it was trained.
     *
     * @param description what it is and where it came from, for logs
     */
    public record Trained(LeNet network, double testAccuracy, String description) {}

    /**
     * How a classifier is trained.
     *
     * @param epochs         passes over the training split
     * @param syntheticTrain built-in digits rendered to train on (they have no fixed splits)
     * @param syntheticTest  built-in digits, from another seed, to measure the accuracy on
     */
    public record Recipe(int epochs, int syntheticTrain, int syntheticTest) {
        /** 4 epochs: MNIST reaches 99%, Fashion-MNIST 90% (docs/cli.md, "Measuring quality"). */
        public static final Recipe DEFAULT = new Recipe(4, 30000, 5000);
    }

    private Classifiers() {}

    /** Whether dcgan4j has a classifier, shipped or trained on first use, for this kind of data. */
    public static boolean supports(DatasetKind kind) {
        return kind == DatasetKind.MNIST || kind == DatasetKind.FASHION_MNIST || kind == DatasetKind.SYNTHETIC;
    }

    /**
     * The classifier of {@code data}: the shipped one when dcgan4j has one, else the one cached in
     * {@link #cacheFile}, trained there first with the default recipe when it is missing.
     */
    public static Trained open(DataRequest data, Downloader downloader, FitProgress progress) throws IOException {
        var shipped = ShippedClassifiers.load(data.kind());
        return shipped.isPresent()
                ? shipped.get()
                : obtain(data, cacheFile(data), downloader, Recipe.DEFAULT, progress);
    }

    /**
     * Where a classifier trained on this machine is kept: beside the dataset's files when dcgan4j
     * manages them ({@code <cache-dir>/<dataset>/}, where downloads go), else in
     * {@code <cache-dir>/classifiers/}. A folder the user named for the data is never written to: it
     * may be shared or read-only.
     */
    public static Path cacheFile(DataRequest data) {
        String file = "lenet-" + data.kind().id() + ".safetensors";
        return data.dataDir() == null
                ? data.directory().resolve(file)
                : data.cacheDir().resolve("classifiers").resolve(file);
    }

    /** The cached classifier in {@code file}, trained and saved there first when it is missing. */
    public static Trained obtain(
            DataRequest data, Path file, Downloader downloader, Recipe recipe, FitProgress progress)
            throws IOException {
        requireSupported(data.kind());
        if (Files.isRegularFile(file)) {
            LeNet network = new LeNet("lenet-" + data.kind().id(), 10);
            Map<String, String> metadata = network.load(file);
            double accuracy = Double.parseDouble(metadata.getOrDefault(ACCURACY, "NaN"));
            return new Trained(network, accuracy, describe(network, "trained here", accuracy) + " from " + file);
        }
        LOG.info(
                "training the lenet-{} classifier ({} epochs on the training split); it is kept in {}",
                data.kind().id(),
                recipe.epochs(),
                file);
        Map<String, String> metadata = new LinkedHashMap<>();
        Trained trained = train(data, downloader, recipe, progress, metadata);
        Files.createDirectories(file.toAbsolutePath().getParent());
        trained.network().save(file, metadata);
        return trained;
    }

    /**
     * Trains a classifier of {@code data} with {@code recipe} from dcgan4j's fixed seed and measures
     * it on the test split; the recipe, the data's files and the accuracy go into {@code metadata}.
     * The networks {@link ShippedClassifiers} holds were made with this and {@link Recipe#DEFAULT}.
     */
    public static Trained train(
            DataRequest data, Downloader downloader, Recipe recipe, FitProgress progress, Map<String, String> metadata)
            throws IOException {
        requireSupported(data.kind());
        LeNet network = new LeNet("lenet-" + data.kind().id(), 10);
        long start = System.nanoTime();
        Torch.seed(SEED);
        DataRequest trainSplit = split(data, Split.TRAIN, recipe.syntheticTrain(), SEED);
        try (ImageDataset train = Datasets.load(trainSplit, downloader)) {
            network.fit(train, recipe.epochs(), SEED, progress);
        }
        DataRequest testSplit = split(data, Split.TEST, recipe.syntheticTest(), SEED + 1);
        double accuracy;
        try (ImageDataset test = Datasets.load(testSplit, downloader)) {
            accuracy = network.accuracy(test);
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        LOG.info(
                "{}: test accuracy {} after {} s",
                network.name(),
                String.format(Locale.ROOT, "%.2f%%", 100 * accuracy),
                seconds);
        metadata.put("dcgan4j.network", network.name());
        metadata.put("dcgan4j.recipe", LeNet.RECIPE + "; " + recipe.epochs() + " epochs; seed " + SEED);
        metadata.put(
                "dcgan4j.data",
                data.kind().id()
                        + (data.kind() == DatasetKind.SYNTHETIC
                                ? " (" + recipe.syntheticTrain() + " train, " + recipe.syntheticTest() + " test images)"
                                : " train and test splits")
                        + dataFiles(trainSplit, testSplit));
        metadata.put(
                "dcgan4j.trained_with",
                torch.get_num_threads() + " threads, CPU capability "
                        + torch.get_cpu_capability().getString() + ", " + seconds + " s");
        metadata.put(ACCURACY, Double.toString(accuracy));
        return new Trained(network, accuracy, describe(network, "trained here", accuracy));
    }

    private static void requireSupported(DatasetKind kind) {
        if (!supports(kind)) {
            throw new IllegalArgumentException("dcgan4j has classifiers for mnist, fashion-mnist and synthetic data "
                    + "only, not " + kind.id() + "; give a feature network (setting 'inception')");
        }
    }

    private static String describe(LeNet network, String how, double accuracy) {
        return String.format(Locale.ROOT, "%s (%s, test accuracy %.2f%%)", network.name(), how, 100 * accuracy);
    }

    /** The SHA-256 of each file the splits were read from. */
    private static String dataFiles(DataRequest... splits) throws IOException {
        StringJoiner files = new StringJoiner(", ", "; files: ", "").setEmptyValue("");
        for (DataRequest split : splits) {
            for (Path file : Datasets.sourceFiles(split)) {
                files.add(file.getFileName() + " sha256 " + ShippedClassifiers.sha256(Files.readAllBytes(file)));
            }
        }
        return files.toString();
    }

    /**
     * The dataset's split at LeNet's 28×28×1 (the built-in digits: a separately seeded set), all of
     * it whatever subset a GAN trains on.
     */
    private static DataRequest split(DataRequest data, Split split, int syntheticCount, long syntheticSeed) {
        return data.allImages().toBuilder()
                .split(split)
                .imageSize(LeNet.SIDE)
                .channels(1)
                .crop(null)
                .folderCache(false)
                .syntheticCount(syntheticCount)
                .seed(syntheticSeed)
                .build();
    }
}
