package dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FID and KID against closed forms and a brute-force reference. */
class DistancesTest {
    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void theFidOfAFeatureSetWithItselfIsZero() {
        try (var scope = new PointerScope()) {
            double[][] x = gaussian(500, 16, 1);
            Tensor t = tensor(x);
            assertThat(Fid.between(t, t)).isCloseTo(0.0, within(1e-6));
            assertThat(Fid.between(t, tensor(gaussian(500, 16, 2)))).isGreaterThan(0.01);
        }
    }

    /**
     * Two 2-D sets whose sample means and covariances are exactly the given ones; for 2×2 matrices
     * tr((Σ1Σ2)^½) = √(tr(Σ1Σ2) + 2√(det Σ1 det Σ2)), so FID has a closed form to compare with.
     */
    @Test
    void theFidOfTwoGaussiansEqualsTheClosedForm() {
        double[] mu1 = {0.5, -1.0};
        double[] mu2 = {2.0, 0.25};
        double[][] s1 = {{2.0, 0.6}, {0.6, 1.0}};
        double[][] s2 = {{0.5, -0.3}, {-0.3, 1.5}};
        double tr12 = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double expected = square(mu1[0] - mu2[0])
                + square(mu1[1] - mu2[1])
                + s1[0][0]
                + s1[1][1]
                + s2[0][0]
                + s2[1][1]
                - 2 * Math.sqrt(tr12 + 2 * Math.sqrt(det(s1) * det(s2)));
        try (var scope = new PointerScope()) {
            double fid = Fid.between(tensor(withMoments(mu1, s1, 3)), tensor(withMoments(mu2, s2, 4)));
            assertThat(fid).isCloseTo(expected, within(1e-4 * expected));
        }
    }

    @Test
    void kidOverTheWholeSetsEqualsTheUnbiasedMmdComputedByHand() {
        double[][] real = gaussian(40, 5, 5);
        double[][] fake = gaussian(40, 5, 6);
        for (double[] row : fake) {
            row[0] += 0.7;
        }
        try (var scope = new PointerScope()) {
            // one subset as large as the sets: the subset is a reordering, which the estimator ignores
            double kid = Kid.between(tensor(real), tensor(fake), 1, 1000, 9);
            assertThat(kid).isCloseTo(bruteForceKid(real, fake), within(1e-5));
            assertThat(kid).isGreaterThan(0.0);
        }
    }

    @Test
    void kidOfSubsetsStaysNearTheWholeSetValue() {
        double[][] real = gaussian(300, 5, 7);
        double[][] fake = gaussian(300, 5, 8);
        for (double[] row : fake) {
            row[1] += 1.0;
        }
        try (var scope = new PointerScope()) {
            double subsets = Kid.between(tensor(real), tensor(fake), 50, 100, 1);
            assertThat(subsets).isCloseTo(bruteForceKid(real, fake), within(0.1 * bruteForceKid(real, fake)));
        }
    }

    /** Σ_{i≠j} k(x_i, x_j) / m(m−1) + Σ_{i≠j} k(y_i, y_j) / m(m−1) − 2 Σ k(x_i, y_j) / m², k = (x·y/d + 1)³. */
    private static double bruteForceKid(double[][] x, double[][] y) {
        int m = x.length;
        int d = x[0].length;
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += Math.pow(dot(x[i], x[j]) / d + 1, 3);
                    yy += Math.pow(dot(y[i], y[j]) / d + 1, 3);
                }
                xy += Math.pow(dot(x[i], y[j]) / d + 1, 3);
            }
        }
        return (xx + yy) / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
    }

    /** n points whose sample mean is exactly {@code mu} and sample covariance exactly {@code s}. */
    private static double[][] withMoments(double[] mu, double[][] s, long seed) {
        double[][] z = gaussian(400, 2, seed);
        int n = z.length;
        double[] mean = new double[2];
        for (double[] row : z) {
            mean[0] += row[0] / n;
            mean[1] += row[1] / n;
        }
        double[][] c = new double[2][2];
        for (double[] row : z) {
            row[0] -= mean[0];
            row[1] -= mean[1];
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    c[a][b] += row[a] * row[b] / (n - 1);
                }
            }
        }
        double[][] lc = cholesky(c);
        double[][] ls = cholesky(s);
        double[][] out = new double[n][2];
        for (int i = 0; i < n; i++) {
            double w0 = z[i][0] / lc[0][0]; // whiten: L_c⁻¹ z
            double w1 = (z[i][1] - lc[1][0] * w0) / lc[1][1];
            out[i][0] = mu[0] + ls[0][0] * w0; // colour: μ + L_s w
            out[i][1] = mu[1] + ls[1][0] * w0 + ls[1][1] * w1;
        }
        return out;
    }

    private static double[][] cholesky(double[][] a) {
        double l00 = Math.sqrt(a[0][0]);
        double l10 = a[1][0] / l00;
        return new double[][] {{l00, 0}, {l10, Math.sqrt(a[1][1] - l10 * l10)}};
    }

    static double[][] gaussian(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int j = 0; j < d; j++) {
                double u = random.nextDouble();
                double v = random.nextDouble();
                row[j] = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
            }
        }
        return x;
    }

    static Tensor tensor(double[][] x) {
        float[] flat = new float[x.length * x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                flat[i * x[0].length + j] = (float) x[i][j];
            }
        }
        return Tensors.fromFloats(flat).view(x.length, x[0].length);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (float) a[i] * (double) (float) b[i]; // the values the tensors hold
        }
        return s;
    }

    private static double det(double[][] a) {
        return a[0][0] * a[1][1] - a[0][1] * a[1][0];
    }

    private static double square(double v) {
        return v * v;
    }
}
