package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.BatchNormLayers;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.GeneratorKind;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.ModelVariant;
import dcgan4j.model.NoiseDistribution;
import dcgan4j.model.OutputActivation;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.OptimizerChoice;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.config.Tricks;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.StepMetrics;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every variant trains; the tricks and the optimizer additions do what they say, and nothing when off. */
class VariantTrainingTest {
    private static final ModelConfig SMALL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();
    private static final ModelVariant P = ModelVariant.PAPER;
    private static final TrainConfig PLAIN = TrainConfig.builder()
            .epochs(1)
            .batchSize(8)
            .seed(3)
            .sampleEvery(0)
            .sampleCount(8)
            .checkpointEvery(0)
            .build();
    private static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = SyntheticDigits.generate(24, 1);
    }

    @AfterAll
    static void release() {
        digits.close();
    }

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of(
                        "upsample G, sigmoid, G dropout",
                        variant(
                                GeneratorKind.UPSAMPLE,
                                OutputActivation.SIGMOID,
                                0.4,
                                0,
                                "paper",
                                "paper",
                                NoiseDistribution.NORMAL,
                                0),
                        PLAIN),
                Arguments.of(
                        "D dropout 0.4",
                        variant(
                                GeneratorKind.DCGAN,
                                OutputActivation.TANH,
                                0,
                                0.4,
                                "paper",
                                "paper",
                                NoiseDistribution.NORMAL,
                                0),
                        PLAIN),
                Arguments.of(
                        "no BatchNorm",
                        variant(
                                GeneratorKind.DCGAN,
                                OutputActivation.TANH,
                                0,
                                0,
                                "none",
                                "none",
                                NoiseDistribution.NORMAL,
                                0),
                        PLAIN),
                Arguments.of(
                        "uniform z",
                        variant(
                                GeneratorKind.DCGAN,
                                OutputActivation.TANH,
                                0,
                                0,
                                "paper",
                                "paper",
                                NoiseDistribution.UNIFORM,
                                0),
                        PLAIN),
                Arguments.of("conditional", P.withClasses(10), PLAIN),
                Arguments.of(
                        "conditional upsample",
                        variant(
                                GeneratorKind.UPSAMPLE,
                                OutputActivation.TANH,
                                0,
                                0,
                                "1",
                                "2",
                                NoiseDistribution.NORMAL,
                                10),
                        PLAIN),
                Arguments.of(
                        "RMSprop, clip 1, decay",
                        P,
                        PLAIN.toBuilder()
                                .optimizerG(OptimizerChoice.Kind.RMSPROP)
                                .clipG(1.0)
                                .decayG(3e-8)
                                .optimizerD(OptimizerChoice.Kind.RMSPROP)
                                .clipD(1.0)
                                .decayD(6e-8)
                                .build()),
                Arguments.of(
                        "label smoothing and flips",
                        P,
                        PLAIN.toBuilder().realLabel(0.9).flipLabels(0.1).build()),
                Arguments.of(
                        "3 D steps, instance noise",
                        P,
                        PLAIN.toBuilder()
                                .dSteps(3)
                                .instanceNoise(0.1)
                                .instanceNoiseSteps(10)
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void everyVariantTrainsAFewStepsOnTinyData(String name, ModelVariant variant, TrainConfig config) {
        ModelConfig model = SMALL.with(variant);
        try (var scope = new PointerScope()) {
            Torch.seed(1);
            var trainer = new GanStep(new Generator(model), new Discriminator(model), config);
            Map<String, Tensor> before = copy(trainer.state());
            int[] order = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};
            for (int b = 0; b < 3; b++) {
                Tensor labels = Tensors.indices(digits.labels(order, b * 8, b * 8 + 8));
                StepMetrics m =
                        trainer.step(digits.batch(order, b * 8, b * 8 + 8), variant.conditional() ? labels : null);
                assertThat(m.diverged()).as(name).isFalse();
                assertThat(m.dX()).isBetween(0.0, 1.0);
            }
            Map<String, Tensor> after = trainer.state();
            assertThat(changed(before, after, "netG.")).as("G learned").isTrue();
            assertThat(changed(before, after, "netD.")).as("D learned").isTrue();
        }
    }

    @Test
    void withoutTricksTheTargetsAreThePapersAndNoRandomNumberIsDrawn() {
        try (var scope = new PointerScope()) {
            Torch.seed(5);
            Tensor state = torch.getDefaultCPUGenerator().get_state();
            Tensor logits = torch.zeros(6);
            assertThat(Tricks.NONE.realTargets(logits).equal(torch.ones(6))).isTrue();
            assertThat(Tricks.NONE.fakeTargets(logits).equal(torch.zeros(6))).isTrue();
            assertThat(Tricks.NONE.noisy(logits, 0).equal(logits)).isTrue();
            assertThat(torch.getDefaultCPUGenerator().get_state().equal(state)).isTrue();
        }
    }

    @Test
    void smoothingIsOneSidedAndFlipsSwapTheTargetsAtTheirRate() {
        try (var scope = new PointerScope()) {
            Torch.seed(5);
            Tricks tricks = new Tricks(0.9, 0.25, 1, 0, 1);
            Tensor real = tricks.realTargets(torch.zeros(20_000));
            Tensor fake = tricks.fakeTargets(torch.zeros(20_000));
            float realFlipped =
                    real.eq(new Scalar(0.0)).to(torch.ScalarType.Float).mean().item_float();
            float fakeFlipped =
                    fake.gt(new Scalar(0.89)).to(torch.ScalarType.Float).mean().item_float();
            assertThat(realFlipped).isBetween(0.23f, 0.27f);
            assertThat(fakeFlipped).isBetween(0.23f, 0.27f);
            assertThat(real.eq(new Scalar(0.0))
                            .logical_or(real.sub(new Scalar(0.9)).abs().lt(new Scalar(1e-6)))
                            .all()
                            .item_bool())
                    .as("real targets are 0.9 or, flipped, 0")
                    .isTrue();
        }
    }

    @Test
    void instanceNoiseDecaysLinearlyToNothing() {
        try (var scope = new PointerScope()) {
            Tricks tricks = new Tricks(1.0, 0, 1, 0.5, 100);
            Tensor images = torch.zeros(40_000);
            assertThat(tricks.noisy(images, 0).std().item_float()).isBetween(0.49f, 0.51f);
            assertThat(tricks.noisy(images, 50).std().item_float()).isBetween(0.24f, 0.26f);
            assertThat(tricks.noisy(images, 100).equal(images)).isTrue();
        }
    }

    private static ModelVariant variant(
            GeneratorKind kind,
            OutputActivation out,
            double gDropout,
            double dDropout,
            String gBn,
            String dBn,
            NoiseDistribution noise,
            int classes) {
        return new ModelVariant(
                kind, out, gDropout, dDropout, new BatchNormLayers(gBn), new BatchNormLayers(dBn), noise, classes);
    }

    private static boolean changed(Map<String, Tensor> before, Map<String, Tensor> after, String prefix) {
        return before.keySet().stream()
                .filter(k -> k.startsWith(prefix) && k.endsWith(".weight"))
                .anyMatch(k -> !after.get(k).equal(before.get(k)));
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        var c = new java.util.LinkedHashMap<String, Tensor>();
        state.forEach((k, v) -> c.put(k, v.detach().clone()));
        return c;
    }
}
