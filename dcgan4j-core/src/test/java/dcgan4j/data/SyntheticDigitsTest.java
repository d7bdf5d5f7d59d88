package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Tensors;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class SyntheticDigitsTest {

    @Test
    void sameSeedSameImagesOtherSeedOtherImages() {
        try (var scope = new PointerScope();
                var a = SyntheticDigits.generate(50, 7);
                var b = SyntheticDigits.generate(50, 7);
                var c = SyntheticDigits.generate(50, 8)) {
            int[] all = indices(50);
            float[] fa = Tensors.toFloats(a.batch(all, 0, 50));
            assertThat(Tensors.toFloats(b.batch(all, 0, 50))).isEqualTo(fa);
            assertThat(Tensors.toFloats(c.batch(all, 0, 50))).isNotEqualTo(fa);
        }
    }

    @Test
    void labelsAreBalancedAndImagesAreMnistShaped() {
        try (var scope = new PointerScope();
                var data = SyntheticDigits.generate(1000, 1)) {
            int[] counts = new int[10];
            for (int i = 0; i < data.size(); i++) {
                counts[data.label(i)]++;
            }
            assertThat(counts).containsOnly(100);
            assertThat(data.channels()).isEqualTo(1);
            assertThat(data.imageSize()).isEqualTo(28);
            Tensor batch = data.batch(indices(1000), 0, 1000);
            assertThat(batch.min().item_float()).isEqualTo(-1f);
            assertThat(batch.max().item_float()).isEqualTo(1f);
            float ink = batch.gt(new org.bytedeco.pytorch.Scalar(0.0))
                    .to(org.bytedeco.pytorch.global.torch.ScalarType.Float)
                    .mean()
                    .item_float();
            assertThat(ink).as("MNIST has about 19% ink pixels").isBetween(0.08f, 0.3f);
        }
    }

    @Test
    void inkStaysInsideTheFrame() {
        for (int d = 0; d < 10; d++) {
            byte[] digit = SyntheticDigits.render(d, new SplittableRandom(3));
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean border = x == 0 || y == 0 || x == 27 || y == 27;
                    if (border) {
                        assertThat(digit[y * 28 + x] & 0xff)
                                .as("digit %d at (%d,%d)", d, x, y)
                                .isLessThan(128);
                    }
                }
            }
        }
    }

    /**
     * Only images that look like their class can be told apart by something as plain as the nearest
     * class-mean image: with labels that said nothing about the strokes, it would be right one time
     * in ten.
     */
    @Test
    void eachClassLooksLikeItsOwnMeanImageFarMoreOftenThanChance() {
        try (var scope = new PointerScope();
                var train = SyntheticDigits.generate(2000, 1);
                var test = SyntheticDigits.generate(1000, 2)) {
            float[][] means = new float[10][28 * 28];
            float[] pixels = Tensors.toFloats(train.batch(indices(2000), 0, 2000));
            for (int i = 0; i < 2000; i++) {
                for (int p = 0; p < 28 * 28; p++) {
                    means[train.label(i)][p] += pixels[i * 28 * 28 + p] / 200; // 200 images per class
                }
            }
            float[] unseen = Tensors.toFloats(test.batch(indices(1000), 0, 1000));
            int right = 0;
            for (int i = 0; i < 1000; i++) {
                right += nearest(means, unseen, i * 28 * 28) == test.label(i) ? 1 : 0;
            }
            assertThat(right / 1000.0)
                    .as("nearest class mean accuracy (chance: 0.1)")
                    .isGreaterThan(0.8); // 0.95 measured
        }
    }

    private static int nearest(float[][] means, float[] images, int offset) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int c = 0; c < means.length; c++) {
            double distance = 0;
            for (int p = 0; p < means[c].length; p++) {
                double diff = images[offset + p] - means[c][p];
                distance += diff * diff;
            }
            if (distance < bestDistance) {
                bestDistance = distance;
                best = c;
            }
        }
        return best;
    }

    @Test
    void reshapingScalesAndReplicatesChannels() {
        // deliberately outside any PointerScope: the reshaped images must own themselves
        try (var digits = SyntheticDigits.generate(20, 1);
                var rgb64 = digits.reshaped(64, 3)) {
            assertThat(rgb64.imageSize()).isEqualTo(64);
            assertThat(rgb64.channels()).isEqualTo(3);
            Tensor b = rgb64.batch(indices(20), 0, 20);
            assertThat(b.select(1, 0).equal(b.select(1, 2))).isTrue();
            assertThat(rgb64.label(13)).isEqualTo(digits.label(13));
        }
    }

    static int[] indices(int n) {
        int[] idx = new int[n];
        Arrays.setAll(idx, i -> i);
        return idx;
    }
}
