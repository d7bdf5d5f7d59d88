package dcgan4j.inspect;

import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.Tensors;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Does the generator copy its training images? (DCGAN paper §4.1.) Each generated sample is matched
 * with its nearest training images, in pixel space and in D's feature space, and the distances are
 * compared with those of images the model never saw: a generator that memorises puts its samples
 * much closer to the training set than unseen data lies.
 */
public final class MemorizationCheck {
    /** Images pushed through D at once: bounded memory for 128×128 models. */
    private static final int BATCH = 256;

    /**
     * @param generated   the samples, (n, nc, H, W)
     * @param pixels      each sample's nearest training images by pixel distance
     * @param features    … by distance of D's penultimate features
     * @param heldOutPixels   each unseen image's nearest training image by pixels
     * @param heldOutFeatures … by D features
     * @param heldOutName what the unseen images are ("test split", "other training images")
     */
    public record Report(
            Tensor generated,
            NearestNeighbours.Result pixels,
            NearestNeighbours.Result features,
            NearestNeighbours.Result heldOutPixels,
            NearestNeighbours.Result heldOutFeatures,
            String heldOutName) {
        /** The quantiles {@link #table} shows. */
        public static final double[] QUANTILES = {0, 0.05, 0.25, 0.5, 0.75, 0.95};

        /**
         * Nearest-training-image distances, generated against unseen, in both spaces, as a text table
         * (RMS per dimension: pixel units of the [-1, 1] images).
         */
        public String table() {
            StringBuilder out = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-44s %7s %7s %7s %7s %7s %7s%n",
                    "distance to the nearest training image",
                    "min",
                    "5%",
                    "25%",
                    "median",
                    "75%",
                    "95%"));
            row(out, "generated, pixels", pixels);
            row(out, heldOutName + ", pixels", heldOutPixels);
            row(out, "generated, D features", features);
            row(out, heldOutName + ", D features", heldOutFeatures);
            return out.toString();
        }

        private static void row(StringBuilder out, String name, NearestNeighbours.Result result) {
            out.append(String.format(Locale.ROOT, "%-44s", name));
            for (double q : quantiles(result.nearest())) {
                out.append(String.format(Locale.ROOT, " %7.4f", q));
            }
            out.append(System.lineSeparator());
        }
    }

    /** {@link Report#QUANTILES} of the values, by {@code torch.quantile} (linear interpolation). */
    public static double[] quantiles(double[] values) {
        try (var scope = new org.bytedeco.javacpp.PointerScope()) {
            Tensor v = Tensors.fromDoubles(values);
            Tensor q = Tensors.fromDoubles(Report.QUANTILES);
            Tensor result = torch.quantile(v, q);
            double[] out = new double[Report.QUANTILES.length];
            result.contiguous().data_ptr_double().get(out);
            return out;
        }
    }

    private MemorizationCheck() {}

    /**
     * @param heldOut     images like the training data that were not trained on, or null to compare each
     *                    of the first training images with the other training images instead
     * @param heldOutName what the held-out images are, for the table ("test split")
     */
    public static Report run(
            Generator g,
            Discriminator d,
            ImageDataset train,
            ImageDataset heldOut,
            String heldOutName,
            int samples,
            int k,
            long seed) {
        int[] order = IntStream.range(0, train.size()).toArray();
        BiFunction<Integer, Integer, Tensor> trainPixels =
                (from, to) -> train.batch(order, from, to).flatten(1, -1);
        BiFunction<Integer, Integer, Tensor> trainFeatures = (from, to) -> features(d, train.batch(order, from, to));
        Tensor generated = Sampler.generate(g, samples, seed);
        var pixels = NearestNeighbours.search(generated.flatten(1, -1), trainPixels, train.size(), k);
        var features = NearestNeighbours.search(features(d, generated), trainFeatures, train.size(), k);
        boolean leaveOneOut = heldOut == null;
        ImageDataset unseen = leaveOneOut ? train : heldOut;
        int n = Math.min(samples, unseen.size());
        int[] unseenOrder = IntStream.range(0, unseen.size()).toArray();
        Tensor unseenImages = unseen.batch(unseenOrder, 0, n);
        int kUnseen = leaveOneOut ? Math.min(2, train.size()) : 1;
        var heldOutPixels = NearestNeighbours.search(unseenImages.flatten(1, -1), trainPixels, train.size(), kUnseen);
        var heldOutFeatures = NearestNeighbours.search(features(d, unseenImages), trainFeatures, train.size(), kUnseen);
        if (leaveOneOut) {
            heldOutPixels = heldOutPixels.withoutSelf();
            heldOutFeatures = heldOutFeatures.withoutSelf();
        }
        return new Report(
                generated,
                pixels,
                features,
                heldOutPixels,
                heldOutFeatures,
                leaveOneOut ? "other training images" : heldOutName);
    }

    /** D's penultimate features of images, (N, F), computed a batch at a time. */
    static Tensor features(Discriminator d, Tensor images) {
        TensorVector parts = new TensorVector();
        for (long from = 0; from < images.size(0); from += BATCH) {
            long n = Math.min(BATCH, images.size(0) - from);
            parts.push_back(DiscriminatorProbe.features(d, images.narrow(0, from, n)));
        }
        return torch.cat(parts);
    }
}
