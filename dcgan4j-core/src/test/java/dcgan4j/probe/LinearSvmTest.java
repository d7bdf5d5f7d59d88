package dcgan4j.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Tensors;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The L2-SVM and its cross-validation: near-perfect on separable classes, chance on shuffled labels,
 * and at its optimum by the optimality conditions worked out in plain Java doubles.
 */
class LinearSvmTest {
    private static final int CLASSES = 10;

    @Test
    void separableClassesAreClassifiedAlmostPerfectlyAndShuffledLabelsAtChance() {
        Random random = new Random(5);
        double[][] centres = new double[CLASSES][40];
        for (double[] centre : centres) {
            for (int j = 0; j < centre.length; j++) {
                centre[j] = 4 * random.nextGaussian();
            }
        }
        int[] trainLabels = labels(30, null);
        int[] testLabels = labels(100, null);
        try (var scope = new PointerScope()) {
            Tensor train = clusters(centres, trainLabels, random, ScalarType.Float);
            Tensor test = clusters(centres, testLabels, random, ScalarType.Float);
            CrossValidation.Fit fit = CrossValidation.fit(train, trainLabels, CLASSES);
            assertThat(fit.svm().accuracy(train, trainLabels)).isEqualTo(1.0);
            assertThat(fit.svm().accuracy(test, testLabels)).isGreaterThan(0.99);

            int[] shuffled = labels(30, random);
            CrossValidation.Fit noise = CrossValidation.fit(train, shuffled, CLASSES);
            double chance = noise.svm().accuracy(test, testLabels);
            assertThat(chance).as("labels that say nothing of the features").isBetween(0.03, 0.18);
        }
    }

    /** Fewer images than features (solved in their span) and more (solved as they are). */
    @ParameterizedTest
    @CsvSource({"3, 100, 0.01", "12, 20, 0.1", "12, 20, 1e-4"})
    void theFitIsTheObjectivesMinimumByItsOptimalityConditions(int perClass, int width, double lambda) {
        Random random = new Random(perClass * 31L + width);
        int[] labels = labels(perClass, random);
        int n = labels.length;
        double[][] x = new double[n][width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                x[i][j] = random.nextGaussian() * (1 + j % 3) + (j == labels[i] ? 1.5 : 0) + 3;
            }
        }
        x[0][width - 1] = 0; // a feature that hardly varies: its spread is floored
        for (int i = 1; i < n; i++) {
            x[i][width - 1] = 1e-9 * i;
        }
        try (var scope = new PointerScope()) {
            double[] flat = new double[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x[i], 0, flat, i * width, width);
            }
            Tensor features = Tensors.fromDoubles(flat).view(n, width);
            LinearSvm svm = LinearSvm.fit(features, labels, CLASSES, lambda);
            double[] w = toDoubles(svm.weights());
            double[] b = toDoubles(svm.biases());
            double[][] xs = standardised(x);
            double[] atZero = gradient(xs, labels, new double[w.length], new double[CLASSES], lambda);
            double[] atFit = gradient(xs, labels, w, b, lambda);
            double scale = maxAbs(atZero);
            assertThat(maxAbs(atFit) / scale)
                    .as("largest gradient entry at the fit, relative to at zero")
                    .isLessThan(2e-3);
            assertThat(svm.iterations()).isPositive();
        }
    }

    /** The objective's gradient by the formula, weights (F, K) row-major then biases, in doubles. */
    private static double[] gradient(double[][] x, int[] labels, double[] w, double[] b, double lambda) {
        int n = x.length;
        int width = x[0].length;
        double[] g = new double[width * CLASSES + CLASSES];
        for (int j = 0; j < width * CLASSES; j++) {
            g[j] = lambda * w[j];
        }
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < CLASSES; k++) {
                double score = b[k];
                for (int j = 0; j < width; j++) {
                    score += x[i][j] * w[j * CLASSES + k];
                }
                double y = labels[i] == k ? 1 : -1;
                double slack = Math.max(0, 1 - y * score);
                double dScore = -2.0 / n * y * slack;
                for (int j = 0; j < width; j++) {
                    g[j * CLASSES + k] += x[i][j] * dScore;
                }
                g[width * CLASSES + k] += dScore;
            }
        }
        return g;
    }

    /** Each column less its mean over the rows, over its spread (population), floored at 1% of the mean spread. */
    private static double[][] standardised(double[][] x) {
        int n = x.length;
        int width = x[0].length;
        double[] mean = new double[width];
        double[] sd = new double[width];
        for (int j = 0; j < width; j++) {
            for (double[] row : x) {
                mean[j] += row[j] / n;
            }
            for (double[] row : x) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        double floor = 0.01 * java.util.Arrays.stream(sd).average().orElseThrow();
        double[][] out = new double[n][width];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < width; j++) {
                out[i][j] = (x[i][j] - mean[j]) / Math.max(sd[j], floor);
            }
        }
        return out;
    }

    /** {@code perClass} of each class in turn, shuffled by {@code random} when given. */
    static int[] labels(int perClass, Random random) {
        int[] labels = new int[perClass * CLASSES];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % CLASSES;
        }
        if (random != null) {
            for (int i = labels.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = labels[i];
                labels[i] = labels[j];
                labels[j] = t;
            }
        }
        return labels;
    }

    private static Tensor clusters(double[][] centres, int[] labels, Random random, ScalarType type) {
        int width = centres[0].length;
        double[] flat = new double[labels.length * width];
        for (int i = 0; i < labels.length; i++) {
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = centres[labels[i]][j] + random.nextGaussian();
            }
        }
        return Tensors.fromDoubles(flat).view(labels.length, width).to(type);
    }

    private static double[] toDoubles(Tensor t) {
        double[] out = new double[(int) t.numel()];
        t.contiguous().to(ScalarType.Double).data_ptr_double().get(out);
        return out;
    }

    private static double maxAbs(double[] values) {
        return java.util.Arrays.stream(values).map(Math::abs).max().orElseThrow();
    }
}
