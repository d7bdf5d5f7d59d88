package dcgan4j.train.step;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.augment.Augmentation;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Augmentation changes what D sees and nothing else; without it, the step is exactly as it was. */
class AugmentedStepTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(1)
            .batchSize(8)
            .seed(5)
            .sampleEvery(0)
            .sampleCount(8)
            .checkpointEvery(0)
            .build();
    private PointerScope scope;

    @BeforeEach
    void open() {
        scope = new PointerScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void augmentNoneIsTheRunWithoutTheSettingBitForBit() {
        var none = CONFIG.toBuilder()
                .augment(Augmentation.Kind.NONE)
                .augmentPolicy("cutout")
                .adaTarget(0.9)
                .adaSpeed(7)
                .build();
        GanStep plain = trainer(CONFIG);
        GanStep explicit = trainer(none);
        for (int step = 1; step <= 3; step++) {
            assertThat(explicit.step(realBatch(step))).isEqualTo(plain.step(realBatch(step)));
        }
        assertSameState(explicit.state(), plain.state());
        assertThat(plain.state().keySet()).noneMatch(k -> k.contains("augment"));
        assertThat(plain.adaStatus()).isNull();
    }

    @Test
    void augmentationChangesTrainingButNeverTheSamplesOfTheSameWeights() {
        GanStep diff =
                trainer(CONFIG.toBuilder().augment(Augmentation.Kind.DIFF).build());
        GanStep plain = trainer(CONFIG);
        StepMetrics augmented = diff.step(realBatch(1));
        assertThat(augmented).isNotEqualTo(plain.step(realBatch(1)));
        diff.step(realBatch(2));
        plain.restore(diff.state(), 2); // the same weights, averages and generators, no augmentation
        Tensor fixed = LatentNoise.sample(8, MODEL, LatentNoise.generator(6));
        Tensor a = Sampler.generate(diff.samplingGenerator(), fixed);
        Tensor b = Sampler.generate(plain.samplingGenerator(), fixed);
        assertThat(a.equal(b)).as("fixed-noise samples").isTrue();
    }

    @Test
    void adaRaisesPWhileDLearnsAFewImagesByHeartAndLowersItWhenDIsUnsure() {
        GanStep ada = trainer(CONFIG.toBuilder()
                .augment(Augmentation.Kind.ADA)
                .adaInterval(1)
                .adaSpeed(80)
                .build());
        List<Double> ps = new ArrayList<>();
        Tensor same = realBatch(1); // eight images, over and over
        for (int step = 0; step < 20; step++) {
            ada.step(same);
            ps.add(ada.adaStatus().p());
        }
        assertThat(ps.get(0)).as("D unsure at first: %s", ps).isZero();
        assertThat(ps).as("p rises as D's real outputs turn positive").anyMatch(p -> p >= 0.3);
        assertThat(IntStream.range(1, ps.size()))
                .as("and falls back when the augmentation makes D unsure again: %s", ps)
                .anyMatch(i -> ps.get(i) < ps.get(i - 1));
    }

    private static GanStep trainer(TrainConfig config) {
        Torch.seed(11);
        return new GanStep(new Generator(MODEL), new Discriminator(MODEL), config);
    }

    private static Tensor realBatch(long seed) {
        var rng = new GeneratorOptional(LatentNoise.generator(seed));
        return torch.randn(new long[] {8, 1, 28, 28}, rng, new TensorOptions()).tanh();
    }

    private static void assertSameState(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        actual.forEach((k, v) -> assertThat(v.equal(expected.get(k))).as(k).isTrue());
    }
}
