package dcgan4j.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code dcgan probe} measured: test accuracy of a linear classifier on D's features beside its
 * controls, one row per number of labels, as a table for people and JSON for scripts.
 *
 * @param probed         what was probed (a run, checkpoint or weights file)
 * @param dataset        the data, its training split's and test split's sizes
 * @param featureLength  D's features per image (the paper's construction)
 * @param pixelLength    pixels per image, the raw-pixel control's features
 * @param classifier     the linear classifier and how its penalty was chosen
 * @param supervised     the supervised control's recipe
 * @param seed           the seed of the label draws, the random D and the supervised networks
 * @param rows           one per number of labels per class
 * @param seconds        wall time of the whole probe
 */
public record ProbeReport(
        String probed,
        String dataset,
        long featureLength,
        long pixelLength,
        String classifier,
        String supervised,
        long seed,
        List<Row> rows,
        long seconds) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One number of labels per class, over its draws.
     *
     * @param discriminator       the linear classifier on D's features
     * @param randomDiscriminator the same on the features of an untrained D of the same architecture
     * @param pixels              the same on raw pixels
     * @param supervisedNetwork   D's architecture trained from scratch on the labelled images
     */
    public record Row(
            int labelsPerClass,
            int draws,
            Score discriminator,
            Score randomDiscriminator,
            Score pixels,
            Score supervisedNetwork) {}

    /**
     * Test accuracies of one method over the draws.
     *
     * @param mean      their mean
     * @param sd        their sample standard deviation (0 for one draw)
     * @param accuracy  each draw's
     * @param penalties each draw's chosen λ, for the linear classifiers; empty for the network
     */
    public record Score(double mean, double sd, List<Double> accuracy, List<Double> penalties) {
        static Score of(List<Double> accuracy, List<Double> penalties) {
            double mean =
                    accuracy.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares =
                    accuracy.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum();
            double sd = accuracy.size() > 1 ? Math.sqrt(squares / (accuracy.size() - 1)) : 0;
            return new Score(mean, sd, List.copyOf(accuracy), List.copyOf(penalties));
        }

        String cell() {
            return String.format(Locale.ROOT, "%5.2f ± %4.2f", 100 * mean, 100 * sd);
        }
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this) + "\n";
    }

    /** A header and one line per number of labels: test accuracy in %, mean ± sd over the draws. */
    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(
                String.format(Locale.ROOT, "%s on %s: test accuracy %%, mean ± sd over the draws%n", probed, dataset));
        out.append(String.format(
                Locale.ROOT,
                "%-12s %5s  %-13s  %-13s  %-13s  %s%n",
                "labels/class",
                "draws",
                "D features",
                "random D",
                "pixels",
                "supervised"));
        for (Row r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "%12d %5d  %-13s  %-13s  %-13s  %s%n",
                    r.labelsPerClass(),
                    r.draws(),
                    r.discriminator().cell(),
                    r.randomDiscriminator().cell(),
                    r.pixels().cell(),
                    r.supervisedNetwork().cell()));
        }
        return out.toString();
    }
}
