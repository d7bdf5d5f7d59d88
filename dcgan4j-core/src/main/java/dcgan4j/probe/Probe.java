package dcgan4j.probe;

import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Network;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DCGAN paper's test of what D learned without labels (§5.1, Tables 1 and 2): with K labelled
 * images per class drawn from the training split, a linear L2-SVM on D's features ({@link
 * DiscriminatorFeatures}, {@link LinearSvm}, λ by {@link CrossValidation}) is measured on the whole test
 * split, over several draws. Beside it, the controls that say whether D's training mattered: the
 * same classifier on raw pixels and on the features of an untrained D of the same architecture, and
 * D's architecture trained from scratch on the same labels ({@link SupervisedBaseline}).
 *
 * <p>Call it outside any {@code PointerScope}: it frees its tensors as it goes.
 */
public final class Probe {
    private static final Logger LOG = LoggerFactory.getLogger(Probe.class);

    /**
     * @param labelsPerClass the values of K, each at least 2 (the penalty is cross-validated)
     * @param draws          draws per K; null for 10 up to K = 100 and 3 above (the paper: 10)
     * @param seed           seeds the draws, the untrained D and the supervised networks
     * @param device         where the networks and the classifiers run
     */
    public record Settings(List<Integer> labelsPerClass, Integer draws, long seed, Device device) {
        public Settings {
            labelsPerClass = List.copyOf(labelsPerClass);
            if (labelsPerClass.isEmpty() || labelsPerClass.stream().anyMatch(k -> k < 2)) {
                throw new IllegalArgumentException("labels per class must be at least 2 (the classifier's penalty is "
                        + "chosen by cross-validation on the labelled images), got " + labelsPerClass);
            }
            if (draws != null && draws < 1) {
                throw new IllegalArgumentException("draws must be at least 1, got " + draws);
            }
        }

        int drawsFor(int k) {
            return draws != null ? draws : k <= 100 ? 10 : 3;
        }
    }

    private Probe() {}

    /**
     * Probes {@code d} (moved to the settings' device) with labels from {@code train}, measured on
     * {@code test}; {@code probed} names it in the report.
     *
     * @throws IllegalArgumentException for unlabelled data, a class with fewer than K images, a
     *     conditional D, or data of another shape than D's
     */
    public static ProbeReport run(Discriminator d, ImageDataset train, ImageDataset test, Settings s, String probed) {
        long start = System.nanoTime();
        DiscriminatorFeatures.requireUnconditional(d);
        requireShape(d, train);
        requireShape(d, test);
        for (int k : s.labelsPerClass()) {
            LabelDraw.draw(train, k, s.seed(), 0); // every K checked before the slow work
        }
        LabelDraw.byClass(test);
        Network.checkKernels(d.config(), Precision.FP32, s.device());
        d.to(s.device());
        Torch.seed(s.seed());
        int[] testImages = IntStream.range(0, test.size()).toArray();
        int[] testLabels = test.labels(testImages, 0, testImages.length);
        List<Tally> rows = new ArrayList<>();
        long featureLength;
        try (Discriminator untrained = new Discriminator(d.config())) {
            untrained.to(s.device());
            Map<String, UnaryOperator<Tensor>> sources = new LinkedHashMap<>();
            sources.put("D features", images -> DiscriminatorFeatures.of(d, images));
            sources.put("random D", images -> DiscriminatorFeatures.of(untrained, images));
            sources.put("pixels", images -> images.flatten(1, -1));
            Map<String, Tensor> testFeatures = new LinkedHashMap<>();
            sources.forEach((name, map) ->
                    testFeatures.put(name, DiscriminatorFeatures.batched(test, testImages, s.device(), map)));
            featureLength = testFeatures.get("D features").size(1);
            try {
                for (int k : s.labelsPerClass()) {
                    Tally row = new Tally(k, s.drawsFor(k));
                    for (int draw = 0; draw < row.draws; draw++) {
                        probeOnce(d, train, test, s, sources, testFeatures, testLabels, row, draw);
                    }
                    rows.add(row);
                }
            } finally {
                testFeatures.values().forEach(Tensor::close);
            }
        }
        return new ProbeReport(
                probed,
                String.format(Locale.ROOT, "%s (%d training, %d test images)", train.name(), train.size(), test.size()),
                featureLength,
                (long) d.config().channels()
                        * d.config().imageSize()
                        * d.config().imageSize(),
                "one-vs-rest linear L2-SVM, squared hinge, standardised features; penalty by stratified "
                        + "cross-validation on the labelled images from "
                        + java.util.Arrays.toString(CrossValidation.LAMBDAS),
                SupervisedBaseline.RECIPE,
                s.seed(),
                rows.stream().map(Tally::row).toList(),
                (System.nanoTime() - start) / 1_000_000_000L);
    }

    private static void probeOnce(
            Discriminator d,
            ImageDataset train,
            ImageDataset test,
            Settings s,
            Map<String, UnaryOperator<Tensor>> sources,
            Map<String, Tensor> testFeatures,
            int[] testLabels,
            Tally row,
            int draw) {
        long start = System.nanoTime();
        int[] labelled = LabelDraw.draw(train, row.k, s.seed(), draw);
        int[] labels = train.labels(labelled, 0, labelled.length);
        List<String> line = new ArrayList<>();
        for (var source : sources.entrySet()) {
            try (var scope = new PointerScope()) {
                Tensor features = DiscriminatorFeatures.batched(train, labelled, s.device(), source.getValue());
                CrossValidation.Fit fit = CrossValidation.fit(features, labels, train.classes());
                double accuracy = fit.svm().accuracy(testFeatures.get(source.getKey()), testLabels);
                row.add(source.getKey(), accuracy, fit.lambda());
                line.add(String.format(
                        Locale.ROOT, "%s %.2f%% (λ %.0e)", source.getKey(), 100 * accuracy, fit.lambda()));
            }
        }
        try (var network = new SupervisedBaseline(d.config(), train.classes(), s.device(), s.seed() + draw)) {
            network.fit(train, labelled, s.seed() + draw);
            double accuracy = network.accuracy(test);
            row.add("supervised", accuracy, Double.NaN);
            line.add(String.format(Locale.ROOT, "supervised %.2f%%", 100 * accuracy));
        }
        LOG.info(
                "K={} draw {}/{}: {} ({} s)",
                row.k,
                draw + 1,
                row.draws,
                String.join(", ", line),
                (System.nanoTime() - start) / 1_000_000_000L);
    }

    private static void requireShape(Discriminator d, ImageDataset data) {
        var c = d.config();
        if (data.imageSize() != c.imageSize() || data.channels() != c.channels()) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s has %dx%dx%d images, the discriminator reads %dx%dx%d",
                    data.name(),
                    data.imageSize(),
                    data.imageSize(),
                    data.channels(),
                    c.imageSize(),
                    c.imageSize(),
                    c.channels()));
        }
    }
}
