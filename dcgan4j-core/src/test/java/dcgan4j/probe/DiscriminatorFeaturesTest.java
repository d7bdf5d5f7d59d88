package dcgan4j.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.model.Discriminator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/**
 * D's feature vector against the paper's construction done by hand: the three blocks of a small 28×28 D
 * run one by one in float64 with plain libtorch ops (convolution, BatchNorm's formula with the running
 * statistics, LeakyReLU 0.2), each map max-pooled to 4×4 by Java loops, concatenated first block first.
 */
class DiscriminatorFeaturesTest {
    private static final int NDF = 4;
    private static final ModelConfig SMALL =
            ModelConfig.builder(28, 1).nz(8).ngf(4).ndf(NDF).build();

    @Test
    void theFeaturesAreEveryBlockMaxPooledTo4x4AndConcatenatedAsThePaperBuildsThem() {
        Torch.seed(11);
        try (var scope = new PointerScope();
                var d = new Discriminator(SMALL)) {
            Map<String, Tensor> state = d.stateDict();
            try (var noGrad = new NoGradGuard()) { // BatchNorm of its own, so evaluation mode shows
                for (String bn : new String[] {"main.3.", "main.6."}) {
                    Tensor mean = state.get(bn + "running_mean");
                    mean.copy_(torch.randn(mean.size(0)).mul(new Scalar(0.05)));
                    state.get(bn + "running_var").copy_(torch.rand(mean.size(0)).add(new Scalar(0.5)));
                    state.get(bn + "weight")
                            .copy_(torch.randn(mean.size(0))
                                    .mul(new Scalar(0.3))
                                    .add(new Scalar(1)));
                    state.get(bn + "bias").copy_(torch.randn(mean.size(0)).mul(new Scalar(0.1)));
                }
            }
            Tensor images = torch.rand(3, 1, 28, 28).mul(new Scalar(2)).sub(new Scalar(1));
            Tensor features = DiscriminatorFeatures.of(d, images);

            assertThat(Tensors.shape(features)).containsExactly(3, 16L * (NDF + 2 * NDF + 4 * NDF));
            assertThat(d.isTraining()).as("D's mode put back").isTrue();
            for (int i = 0; i < 3; i++) {
                double[] expected = byHand(state, images.narrow(0, i, 1));
                float[] actual = Tensors.toFloats(features.select(0, i));
                assertThat(actual).hasSize(expected.length);
                for (int j = 0; j < expected.length; j++) {
                    assertThat((double) actual[j])
                            .as("image %d feature %d", i, j)
                            .isCloseTo(expected[j], within(1e-4));
                }
            }
            Tensor alone = DiscriminatorFeatures.of(d, images.narrow(0, 1, 1));
            assertThat(alone.allclose(features.narrow(0, 1, 1), 1e-5, 1e-6, false))
                    .as("an image's features do not depend on its batch")
                    .isTrue();
        }
    }

    @Test
    void aConditionalDiscriminatorIsRefused() {
        ModelConfig conditional = SMALL.toBuilder().classes(10).build();
        try (var d = new Discriminator(conditional)) {
            assertThatThrownBy(() -> DiscriminatorFeatures.of(d, torch.zeros(1, 1, 28, 28)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("conditional discriminator");
        }
    }

    /** The paper's feature vector of one image (1, 1, 28, 28), computed without the library's network. */
    private static double[] byHand(Map<String, Tensor> state, Tensor image) {
        Tensor x = image.to(ScalarType.Double);
        Tensor h1 = leaky(conv(x, state.get("main.0.weight"), 2, 1)); // (1, 4, 14, 14)
        Tensor h2 = leaky(batchNorm(conv(h1, state.get("main.2.weight"), 2, 1), state, "main.3.")); // (1, 8, 7, 7)
        Tensor h3 = leaky(batchNorm(conv(h2, state.get("main.5.weight"), 2, 1), state, "main.6.")); // (1, 16, 4, 4)
        assertThat(Tensors.shape(h1)).containsExactly(1, NDF, 14, 14);
        assertThat(Tensors.shape(h3)).containsExactly(1, 4 * NDF, 4, 4);
        double[] a = pool4(h1);
        double[] b = pool4(h2);
        double[] c = pool4(h3);
        double[] all = new double[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }

    private static Tensor conv(Tensor x, Tensor weight, int stride, int padding) {
        return torch.conv2d(
                x,
                weight.detach().to(ScalarType.Double),
                new TensorOptional(),
                new long[] {stride, stride},
                new long[] {padding, padding},
                new long[] {1, 1},
                1);
    }

    /** (x − running mean) / √(running var + 1e-5) · γ + β, per channel. */
    private static Tensor batchNorm(Tensor x, Map<String, Tensor> state, String prefix) {
        Tensor mean = channel(state.get(prefix + "running_mean"));
        Tensor var = channel(state.get(prefix + "running_var"));
        return x.sub(mean)
                .div(var.add(new Scalar(1e-5)).sqrt())
                .mul(channel(state.get(prefix + "weight")))
                .add(channel(state.get(prefix + "bias")));
    }

    private static Tensor channel(Tensor t) {
        return t.detach().to(ScalarType.Double).view(1, -1, 1, 1);
    }

    private static Tensor leaky(Tensor x) {
        return torch.where(x.gt(new Scalar(0)), x, x.mul(new Scalar(0.2)));
    }

    /**
     * Max over PyTorch's adaptive windows, rows ⌊i·s/4⌋ to ⌈(i+1)·s/4⌉ (and the same for columns),
     * in plain Java; channel by channel, row by row, as a flattened (C, 4, 4).
     */
    private static double[] pool4(Tensor maps) {
        int channels = (int) maps.size(1);
        int side = (int) maps.size(2);
        double[] values = new double[channels * side * side];
        maps.contiguous().data_ptr_double().get(values);
        double[] out = new double[channels * 16];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int r = i * side / 4; r < ((i + 1) * side + 3) / 4; r++) {
                        for (int q = j * side / 4; q < ((j + 1) * side + 3) / 4; q++) {
                            max = Math.max(max, values[(c * side + r) * side + q]);
                        }
                    }
                    out[c * 16 + i * 4 + j] = max;
                }
            }
        }
        return out;
    }
}
