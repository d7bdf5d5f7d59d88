package dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.util.Arrays;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ManifoldsAndClassesTest {
    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void precisionAndRecallSeparateRealismFromCoverage() {
        double[][] twoClusters = DistancesTest.gaussian(400, 4, 1);
        for (int i = 0; i < 200; i++) {
            twoClusters[i][0] += 50; // half the data far away on axis 0
        }
        double[][] oneCluster = Arrays.copyOfRange(DistancesTest.gaussian(400, 4, 2), 0, 200);
        double[][] elsewhere = DistancesTest.gaussian(200, 4, 3);
        for (double[] row : elsewhere) {
            row[1] += 100;
        }
        try (var scope = new PointerScope()) {
            Tensor real = DistancesTest.tensor(twoClusters);
            var self = PrecisionRecall.of(real, real, PrecisionRecall.K);
            assertThat(self).isEqualTo(new PrecisionRecall(1.0, 1.0));
            // fakes in one of the two modes: realistic (high precision) but half the data missed (low recall)
            var collapsed = PrecisionRecall.of(real, DistancesTest.tensor(oneCluster), PrecisionRecall.K);
            assertThat(collapsed.precision()).isGreaterThan(0.9);
            assertThat(collapsed.recall()).isBetween(0.4, 0.6);
            var off = PrecisionRecall.of(real, DistancesTest.tensor(elsewhere), PrecisionRecall.K);
            assertThat(off).isEqualTo(new PrecisionRecall(0.0, 0.0));
        }
    }

    @Test
    void balancedConfidentClassesScoreKAndOneClassScoresOne() {
        int k = 10;
        int n = 200;
        float[] balanced = new float[n * k];
        float[] single = new float[n * k];
        for (int i = 0; i < n; i++) {
            balanced[i * k + i % k] = 30f;
            single[i * k + 3] = 30f;
        }
        try (var scope = new PointerScope()) {
            ClassStatistics spread = ClassStatistics.of(logits(balanced, n, k));
            assertThat(spread.covered()).isEqualTo(10);
            assertThat(spread.klFromUniform()).isCloseTo(0.0, within(1e-9));
            assertThat(spread.inceptionScore()).isCloseTo(10.0, within(1e-3));
            assertThat(spread.meanConfidence()).isCloseTo(1.0, within(1e-6));

            ClassStatistics collapsed = ClassStatistics.of(logits(single, n, k));
            assertThat(collapsed.histogram()[3]).isEqualTo(n);
            assertThat(collapsed.covered()).isEqualTo(1);
            assertThat(collapsed.klFromUniform()).isCloseTo(Math.log(10), within(1e-9));
            assertThat(collapsed.inceptionScore()).isCloseTo(1.0, within(1e-3));
        }
    }

    private static Tensor logits(float[] values, int n, int k) {
        return Tensors.fromFloats(values).view(n, k);
    }
}
