package dcgan4j.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code dcgan evaluate} measured, as a table for people and JSON for scripts.
 *
 * @param featureNetwork     which network's features were compared ({@code lenet-mnist}, {@code inception-v3})
 * @param classifierAccuracy the feature classifier's accuracy on the dataset's test split, or null
 * @param realCount          real images used
 * @param fakeCount          generated images used
 * @param fid                Fréchet distance (lower is better; 0 for identical statistics)
 * @param kid                kernel distance, unbiased (lower is better; may dip below 0 by noise)
 * @param precision          share of generated images on the real manifold (k = 3)
 * @param recall             share of real images on the generated manifold (k = 3)
 * @param classes            the classifier's view of the generated images, or null without classifier
 * @param notes              caveats, e.g. too few samples for a comparable FID
 */
public record EvaluationReport(
        String featureNetwork,
        Double classifierAccuracy,
        int realCount,
        int fakeCount,
        double fid,
        double kid,
        double precision,
        double recall,
        ClassStatistics classes,
        List<String> notes) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this) + "\n";
    }

    /** A two-column table, one measure per line. */
    public String table() {
        StringBuilder out = new StringBuilder();
        row(
                out,
                "feature network",
                featureNetwork
                        + (classifierAccuracy == null
                                ? ""
                                : String.format(Locale.ROOT, " (test accuracy %.2f%%)", 100 * classifierAccuracy)));
        row(out, "samples", realCount + " real, " + fakeCount + " generated");
        row(out, "FID", String.format(Locale.ROOT, "%.4f", fid));
        row(out, "KID", String.format(Locale.ROOT, "%.6f", kid));
        row(out, "precision", String.format(Locale.ROOT, "%.4f", precision));
        row(out, "recall", String.format(Locale.ROOT, "%.4f", recall));
        if (classes != null) {
            row(out, "classes covered", classes.covered() + " of " + classes.histogram().length);
            row(out, "KL from uniform", String.format(Locale.ROOT, "%.4f nats", classes.klFromUniform()));
            row(
                    out,
                    "inception score",
                    String.format(
                            Locale.ROOT, "%.4f (of at most %d)", classes.inceptionScore(), classes.histogram().length));
            row(out, "mean confidence", String.format(Locale.ROOT, "%.4f", classes.meanConfidence()));
            row(out, "class histogram", java.util.Arrays.toString(classes.histogram()));
        }
        for (String note : notes) {
            row(out, "note", note);
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format(Locale.ROOT, "%-16s %s%n", name, value));
    }
}
