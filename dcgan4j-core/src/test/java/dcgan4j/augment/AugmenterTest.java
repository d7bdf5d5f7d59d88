package dcgan4j.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.torch.Tensors;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ADA's p follows D's real outputs, the same on every rank, and survives a checkpoint; bad settings are refused. */
class AugmenterTest {
    private static final Augmentation ADA = new Augmentation(Augmentation.Kind.ADA, "color", 0.6, 2, 64);
    private static final UnaryOperator<double[]> ONE_RANK = double[]::clone;
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
    void pRisesWhileDIsSureOfEveryRealImageAndFallsWhenItIsNot() {
        try (var a = new Augmenter(ADA, 1)) {
            steps(a, 1, 1, ONE_RANK); // one step of an interval of two: no update yet
            assertThat(a.status()).isEqualTo(new AdaStatus(0, 0));
            steps(a, 1, 1, ONE_RANK);
            assertThat(a.status()).isEqualTo(new AdaStatus(16 / 64.0, 1)); // 2 steps × 8 images over 64
            steps(a, 1, 8, ONE_RANK); // memorizing: up to 1 and no further
            assertThat(a.status().p()).isEqualTo(1);
            steps(a, 0.5, 2, ONE_RANK); // r_t = 0.5 × 1 + 0.5 × (-1) = 0 < 0.6
            assertThat(a.status()).isEqualTo(new AdaStatus(1 - 16 / 64.0, 0));
            steps(a, 0, 10, ONE_RANK);
            assertThat(a.status()).isEqualTo(new AdaStatus(0, -1));
        }
    }

    @Test
    void underDataParallelPMovesByTheImagesOfAllRanksAndTheirJointSign() {
        try (var a = new Augmenter(ADA, 1)) {
            // two ranks: this one all positive, the other all negative → r_t 0 on both, p stays at 0
            steps(a, 1, 2, s -> new double[] {s[0] - 8, s[1] + 8});
            assertThat(a.status()).isEqualTo(new AdaStatus(0, 0));
            steps(a, 1, 2, s -> new double[] {s[0] + 8, s[1] + 8});
            assertThat(a.status()).isEqualTo(new AdaStatus(32 / 64.0, 1));
        }
    }

    @Test
    void pItsIntervalAndTheDrawsResumeFromTheState() {
        Tensor x = torch.rand(4, 3, 8, 8);
        try (var a = new Augmenter(ADA, 3);
                var b = new Augmenter(ADA, 99)) {
            steps(a, 1, 3, ONE_RANK); // mid-interval, p = 0.25
            a.apply(x);
            b.restore(a.state());
            assertThat(b.status()).isEqualTo(a.status());
            assertThat(b.apply(x).equal(a.apply(x))).isTrue();
            steps(a, 1, 1, ONE_RANK);
            steps(b, 1, 1, ONE_RANK);
            assertThat(b.status()).isEqualTo(new AdaStatus(0.5, 1)).isEqualTo(a.status());
        }
    }

    @Test
    void diffAugmentKeepsOnlyItsGeneratorAndHasNoP() {
        try (var a = new Augmenter(new Augmentation(Augmentation.Kind.DIFF, "cutout", 0.6, 4, 1000), 1)) {
            assertThat(a.state()).containsOnlyKeys(Augmenter.RNG);
            assertThat(a.status()).isNull();
        }
    }

    @Test
    void badSettingsAreRefusedWithTheSettingsName() {
        var none = Augmentation.NONE;
        assertThatThrownBy(() -> new Augmentation(none.augment(), "color,colour", 0.6, 4, 10))
                .hasMessage("unknown augment policy 'colour' (setting 'augment-policy'): use a comma list of color, "
                        + "translation, cutout");
        assertThatThrownBy(() -> new Augmentation(none.augment(), " ", 0.6, 4, 10))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> new Augmentation(none.augment(), "color", 1.0, 4, 10))
                .hasMessage("ADA's target (setting 'ada-target') must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> new Augmentation(none.augment(), "color", 0.6, 0, 10))
                .hasMessageContaining("'ada-interval'");
        assertThatThrownBy(() -> new Augmentation(none.augment(), "color", 0.6, 4, 0))
                .hasMessageContaining("'ada-speed'");
        assertThatThrownBy(() -> new Augmenter(none, 1)).hasMessageContaining("none");
    }

    /** {@code count} steps in which a share {@code positive} of 8 real logits is positive. */
    private static void steps(Augmenter a, double positive, int count, UnaryOperator<double[]> ranks) {
        int plus = (int) Math.round(8 * positive);
        float[] logits = new float[8];
        for (int i = 0; i < 8; i++) {
            logits[i] = i < plus ? 2.5f : -0.5f;
        }
        for (int k = 0; k < count; k++) {
            a.observe(Tensors.fromFloats(logits));
            a.stepDone(ranks);
        }
    }
}
