package dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Each variant's networks have exactly the layers, shapes and parameters their definition says. */
class VariantArchitectureTest {
    private static final ModelVariant P = ModelVariant.PAPER;

    @Test
    void theUpsampleGeneratorIsTheKerasArticlesNetworkAt28x28() {
        ModelConfig c = ModelConfig.of(28, 1)
                .with(variant(GeneratorKind.UPSAMPLE, OutputActivation.SIGMOID, 0.4, 0, "paper", "paper", 0));
        try (var scope = new PointerScope();
                var g = new Generator(c)) {
            long dense = 256L * 7 * 7; // depth 256 = 4 * ngf at 7x7, as in the article
            long expected = 100 * dense
                    + 2 * dense // Linear (no bias: BN follows), BatchNorm1d
                    + 256L * 128 * 25
                    + 2 * 128 // Upsample, ConvT 5x5, BN
                    + 128L * 64 * 25
                    + 2 * 64
                    + 64L * 32 * 25
                    + 2 * 32 // the article's depth/8 block
                    + 32L * 1 * 25
                    + 1; // output ConvT with bias
            assertThat(g.parameterCount()).isEqualTo(expected);
            assertThat(g.layerShapes(torch.randn(2, 100, 1, 1)))
                    .containsExactly(
                            s(2, 100),
                            s(2, dense),
                            s(2, dense),
                            s(2, dense), // Flatten Linear BN ReLU
                            s(2, 256, 7, 7),
                            s(2, 256, 7, 7), // Unflatten Dropout
                            s(2, 256, 14, 14),
                            s(2, 128, 14, 14),
                            s(2, 128, 14, 14),
                            s(2, 128, 14, 14),
                            s(2, 128, 28, 28),
                            s(2, 64, 28, 28),
                            s(2, 64, 28, 28),
                            s(2, 64, 28, 28),
                            s(2, 32, 28, 28),
                            s(2, 32, 28, 28),
                            s(2, 32, 28, 28),
                            s(2, 1, 28, 28),
                            s(2, 1, 28, 28)); // ConvT Sigmoid
            g.train(false);
            Tensor images = g.forward(torch.randn(4, 100, 1, 1));
            assertThat(images.min().item_float()).isGreaterThanOrEqualTo(0f); // sigmoid: [0, 1]
            assertThat(images.max().item_float()).isLessThanOrEqualTo(1f);
        }
    }

    @Test
    void theUpsampleGeneratorStartsAt4x4ForSidesThatDoubleFromThere() {
        ModelConfig c = ModelConfig.builder(64, 3)
                .nz(16)
                .ngf(8)
                .ndf(8)
                .build()
                .with(variant(GeneratorKind.UPSAMPLE, OutputActivation.TANH, 0, 0, "none", "paper", 0));
        try (var scope = new PointerScope();
                var g = new Generator(c)) {
            long width = 8L << 4; // four doublings 4 -> 64: ngf * 16 at 4x4
            long expected = 16 * width * 16
                    + width * 16 // Linear with bias (BatchNorm off)
                    + (128L * 64 + 64 * 32 + 32 * 16 + 16 * 8) * 25
                    + (64 + 32 + 16 + 8) // ConvT + bias each
                    + 8L * 4 * 25
                    + 4 // the half-width block
                    + 4L * 3 * 25
                    + 3;
            assertThat(g.parameterCount()).isEqualTo(expected);
            assertThat(Tensors.shape(g.forward(torch.randn(2, 16, 1, 1)))).containsExactly(2, 3, 64, 64);
        }
    }

    @Test
    void batchNormCanBeSwitchedPerLayerAndALayerWithoutItGetsABias() {
        ModelConfig paper = ModelConfig.of(64, 3);
        ModelConfig c = paper.with(variant(GeneratorKind.DCGAN, OutputActivation.TANH, 0, 0, "none", "1,3", 0));
        try (var scope = new PointerScope();
                var g = new Generator(c);
                var d = new Discriminator(c);
                var pg = new Generator(paper);
                var pd = new Discriminator(paper)) {
            // G: every BatchNorm (512, 256, 128, 64 features: weight + bias each) becomes a conv bias (one per channel)
            long gBn = 2L * (512 + 256 + 128 + 64);
            assertThat(g.parameterCount()).isEqualTo(pg.parameterCount() - gBn + (512 + 256 + 128 + 64));
            // D: BN added on layer 1 (64), kept on 3 (256), dropped on 2 (128, which gets a bias) and 4 (512, bias)
            assertThat(d.parameterCount()).isEqualTo(pd.parameterCount() + 2 * 64 - 2 * 128 + 128 - 2 * 512 + 512);
            assertThat(d.layerShapes(torch.randn(2, 3, 64, 64))).hasSize(11); // 5 convs, 4 LReLU, 2 BN
        }
    }

    @Test
    void discriminatorDropoutAddsLayersButNoParametersAndActsOnlyInTraining() {
        ModelConfig paper = ModelConfig.of(28, 1);
        ModelConfig c = paper.with(variant(GeneratorKind.DCGAN, OutputActivation.TANH, 0, 0.4, "paper", "paper", 0));
        try (var scope = new PointerScope();
                var d = new Discriminator(c);
                var pd = new Discriminator(paper)) {
            assertThat(d.parameterCount()).isEqualTo(pd.parameterCount());
            assertThat(d.layerShapes(torch.randn(2, 1, 28, 28))).hasSize(9 + 3); // a dropout after each LReLU
            Tensor x = torch.randn(4, 1, 28, 28);
            d.train(false);
            assertThat(d.forward(x).equal(d.forward(x))).isTrue();
            d.train(true);
            assertThat(d.forward(x).equal(d.forward(x)))
                    .as("dropout draws a new mask")
                    .isFalse();
        }
    }

    @Test
    void aConditionalModelWidensOnlyTheFirstLayerOfEachNetworkByTheClasses() {
        ModelConfig paper = ModelConfig.of(28, 1);
        ModelConfig c = paper.with(P.withClasses(10));
        try (var scope = new PointerScope();
                var g = new Generator(c);
                var d = new Discriminator(c);
                var pg = new Generator(paper);
                var pd = new Discriminator(paper)) {
            assertThat(g.parameterCount()).isEqualTo(pg.parameterCount() + 10L * 256 * 4 * 4); // ConvT(nz+10, 256, 4)
            assertThat(d.parameterCount()).isEqualTo(pd.parameterCount() + 10L * 64 * 4 * 4); // Conv(1+10, 64, 4)
            Tensor labels = dcgan4j.torch.Tensors.indices(3, 7);
            Tensor images = g.forward(torch.randn(2, 100, 1, 1), labels);
            assertThat(Tensors.shape(images)).containsExactly(2, 1, 28, 28);
            assertThat(Tensors.shape(d.forward(images, labels))).containsExactly(2, 1, 1, 1);
            assertThatThrownBy(() -> g.forward(torch.randn(2, 100, 1, 1), null)).hasMessageContaining("class label");
        }
    }

    @Test
    void uniformNoiseIsInMinusOneToOneAndASeedStillNamesTheSameVector() {
        ModelConfig c = ModelConfig.of(28, 1)
                .with(variant(
                        GeneratorKind.DCGAN,
                        OutputActivation.TANH,
                        0,
                        0,
                        "paper",
                        "paper",
                        0,
                        NoiseDistribution.UNIFORM));
        try (var scope = new PointerScope()) {
            Tensor z = LatentNoise.forSeeds(5, 50, c);
            assertThat(z.min().item_float()).isGreaterThanOrEqualTo(-1f);
            assertThat(z.max().item_float()).isLessThanOrEqualTo(1f);
            assertThat(z.abs().mean().item_float())
                    .as("U[-1,1] has mean |z| 0.5")
                    .isBetween(0.45f, 0.55f);
            assertThat(LatentNoise.forSeeds(5, 3, c).equal(z.narrow(0, 0, 3))).isTrue();
            assertThat(LatentNoise.forSeeds(5, 3, ModelConfig.of(28, 1)).equal(z.narrow(0, 0, 3)))
                    .isFalse();
        }
    }

    @Test
    void badVariantsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> new BatchNormLayers("2,x")).hasMessageContaining("paper, none, all or layer numbers");
        assertThatThrownBy(() -> new BatchNormLayers("0")).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> ModelConfig.of(28, 1)
                        .with(variant(GeneratorKind.DCGAN, OutputActivation.TANH, 0, 0, "paper", "4", 0)))
                .hasMessageContaining("discriminator BatchNorm layers must be within 1..3, got 4");
        assertThatThrownBy(() -> variant(GeneratorKind.DCGAN, OutputActivation.TANH, 0, 1.0, "paper", "paper", 0))
                .hasMessageContaining("discriminator dropout must be in [0, 1)");
        assertThatThrownBy(() -> P.withClasses(1)).hasMessageContaining("at least 2 classes");
        assertThat(new BatchNormLayers(" 3, 1 ").spec()).isEqualTo("1,3");
    }

    private static ModelVariant variant(
            GeneratorKind kind,
            OutputActivation out,
            double gDropout,
            double dDropout,
            String gBn,
            String dBn,
            int classes) {
        return variant(kind, out, gDropout, dDropout, gBn, dBn, classes, NoiseDistribution.NORMAL);
    }

    private static ModelVariant variant(
            GeneratorKind kind,
            OutputActivation out,
            double gDropout,
            double dDropout,
            String gBn,
            String dBn,
            int classes,
            NoiseDistribution noise) {
        return new ModelVariant(
                kind, out, gDropout, dDropout, new BatchNormLayers(gBn), new BatchNormLayers(dBn), noise, classes);
    }

    private static long[] s(long... shape) {
        return shape;
    }
}
