package dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.torch.Tensors;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArchitectureTest {

    @Test
    void parameterCountsMatchPytorchExamplesFor64x64Rgb() {
        ModelConfig c = ModelConfig.of(64, 3);
        try (var g = new Generator(c);
                var d = new Discriminator(c)) {
            assertThat(g.parameterCount()).isEqualTo(3_576_704L);
            assertThat(d.parameterCount()).isEqualTo(2_765_568L);
        }
    }

    @Test
    void everyLayerOfThe64x64NetworksHasThePaperShape() {
        ModelConfig c = ModelConfig.of(64, 3);
        try (var scope = new PointerScope();
                var g = new Generator(c);
                var d = new Discriminator(c)) {
            assertThat(g.layerShapes(torch.randn(2, 100, 1, 1)))
                    .containsExactly(
                            s(2, 512, 4, 4),
                            s(2, 512, 4, 4),
                            s(2, 512, 4, 4), // ConvT BN ReLU
                            s(2, 256, 8, 8),
                            s(2, 256, 8, 8),
                            s(2, 256, 8, 8),
                            s(2, 128, 16, 16),
                            s(2, 128, 16, 16),
                            s(2, 128, 16, 16),
                            s(2, 64, 32, 32),
                            s(2, 64, 32, 32),
                            s(2, 64, 32, 32),
                            s(2, 3, 64, 64),
                            s(2, 3, 64, 64)); // ConvT Tanh
            assertThat(d.layerShapes(torch.randn(2, 3, 64, 64)))
                    .containsExactly(
                            s(2, 64, 32, 32),
                            s(2, 64, 32, 32), // Conv LReLU (no BN)
                            s(2, 128, 16, 16),
                            s(2, 128, 16, 16),
                            s(2, 128, 16, 16), // Conv BN LReLU
                            s(2, 256, 8, 8),
                            s(2, 256, 8, 8),
                            s(2, 256, 8, 8),
                            s(2, 512, 4, 4),
                            s(2, 512, 4, 4),
                            s(2, 512, 4, 4),
                            s(2, 1, 1, 1));
        }
    }

    @Test
    void mnistSizedNetworksGoThroughFourSevenAndFourteen() {
        ModelConfig c = ModelConfig.of(28, 1);
        try (var scope = new PointerScope();
                var g = new Generator(c);
                var d = new Discriminator(c)) {
            assertThat(g.layerShapes(torch.randn(2, 100, 1, 1)))
                    .containsExactly(
                            s(2, 256, 4, 4),
                            s(2, 256, 4, 4),
                            s(2, 256, 4, 4),
                            s(2, 128, 7, 7),
                            s(2, 128, 7, 7),
                            s(2, 128, 7, 7), // kernel 3: 4 -> 7
                            s(2, 64, 14, 14),
                            s(2, 64, 14, 14),
                            s(2, 64, 14, 14),
                            s(2, 1, 28, 28),
                            s(2, 1, 28, 28));
            assertThat(d.layerShapes(torch.randn(2, 1, 28, 28)))
                    .containsExactly(
                            s(2, 64, 14, 14),
                            s(2, 64, 14, 14),
                            s(2, 128, 7, 7),
                            s(2, 128, 7, 7),
                            s(2, 128, 7, 7),
                            s(2, 256, 4, 4),
                            s(2, 256, 4, 4),
                            s(2, 256, 4, 4), // kernel 3: 7 -> 4
                            s(2, 1, 1, 1));
        }
    }

    @ParameterizedTest
    @CsvSource({"28,1", "28,3", "32,1", "32,3", "64,1", "128,3"})
    void everySizeMapsNoiseToImagesAndImagesToOneLogit(int size, int channels) {
        ModelConfig c = ModelConfig.builder(size, channels).nz(16).ngf(8).ndf(8).build();
        try (var scope = new PointerScope();
                var g = new Generator(c);
                var d = new Discriminator(c)) {
            Tensor images = g.forward(torch.randn(3, 16, 1, 1));
            assertThat(Tensors.shape(images)).containsExactly(3, channels, size, size);
            assertThat(images.abs().max().item_float()).isLessThanOrEqualTo(1f); // Tanh output
            assertThat(Tensors.shape(d.forward(images))).containsExactly(3, 1, 1, 1);
        }
    }

    @Test
    void noLayerHasABiasBeforeBatchNormAndInitFollowsThePaper() {
        try (var scope = new PointerScope();
                var g = new Generator(ModelConfig.of(64, 3))) {
            Map<String, Tensor> params = g.namedParameters();
            params.forEach((name, p) -> {
                if (p.dim() == 4) { // convolution weights ~ N(0, 0.02)
                    assertThat(name).endsWith(".weight");
                    assertThat(p.std().item_float()).as(name).isBetween(0.018f, 0.022f);
                    assertThat(p.mean().item_float()).as(name).isBetween(-0.002f, 0.002f);
                } else if (name.endsWith(".weight")) { // BatchNorm gamma ~ N(1, 0.02)
                    assertThat(p.mean().item_float()).as(name).isBetween(0.99f, 1.01f);
                } else { // BatchNorm beta = 0: the only biases
                    assertThat(p.abs().sum().item_float()).as(name).isZero();
                }
            });
            assertThat(params.keySet()).filteredOn(n -> n.endsWith(".bias")).hasSize(4);
            assertThat(g.stateDict())
                    .containsKeys("main.0.weight", "main.1.running_mean", "main.1.num_batches_tracked");
        }
    }

    @Test
    void sizesOtherThanTheLayerPlansAreRejected() {
        assertThatThrownBy(() -> ModelConfig.of(48, 3))
                .hasMessageContaining("image size must be one of [28, 32, 64, 128]");
        assertThatThrownBy(() -> ModelConfig.of(64, 2)).hasMessageContaining("channels must be 1 or 3");
        assertThatThrownBy(
                        () -> ModelConfig.builder(64, 3).nz(0).ngf(64).ndf(64).build())
                .hasMessageContaining("nz must be positive");
    }

    private static long[] s(long... shape) {
        return shape;
    }
}
