package dcgan4j.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.Discriminator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Device;
import dcgan4j.torch.Torch;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The label draws, the folds and the whole probe on a few built-in digits with a small D. */
class ProbeTest {
    private static final ModelConfig SMALL =
            ModelConfig.builder(28, 1).nz(8).ngf(4).ndf(4).build();

    @Test
    void aDrawIsKImagesOfEachClassAndTheSameSeedDrawsTheSameImages() {
        try (ImageDataset digits = SyntheticDigits.generate(400, 3)) {
            int[] draw = LabelDraw.draw(digits, 7, 42, 0);
            assertThat(draw).hasSize(70).doesNotHaveDuplicates();
            for (int i = 0; i < draw.length; i++) {
                assertThat(digits.label(draw[i])).as("position %d", i).isEqualTo(i / 7);
            }
            assertThat(LabelDraw.draw(digits, 7, 42, 0)).isEqualTo(draw);
            assertThat(LabelDraw.draw(digits, 7, 42, 1)).isNotEqualTo(draw);
            assertThat(LabelDraw.draw(digits, 7, 43, 0)).isNotEqualTo(draw);
            Set<Integer> many =
                    Arrays.stream(LabelDraw.draw(digits, 20, 42, 0)).boxed().collect(Collectors.toSet());
            assertThat(many).hasSize(200);

            assertThatThrownBy(() -> LabelDraw.draw(digits, 1000, 42, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageMatching("labels per class 1000 is more than the \\d+ training images of class 0 .*");
        }
    }

    @Test
    void eachFoldHoldsTheSameShareOfEveryClass() {
        int[] labels = LinearSvmTest.labels(10, new java.util.Random(1));
        int[] fold = CrossValidation.folds(labels, 10);
        int[][] count = new int[5][10];
        for (int i = 0; i < labels.length; i++) {
            count[fold[i]][labels[i]]++;
        }
        for (int[] perClass : count) {
            assertThat(perClass).containsOnly(2);
        }
        assertThat(Arrays.stream(CrossValidation.folds(LinearSvmTest.labels(3, null), 10))
                        .max()
                        .orElseThrow())
                .as("3 per class: 3 folds")
                .isEqualTo(2);
        assertThatThrownBy(() -> CrossValidation.folds(LinearSvmTest.labels(1, null), 10))
                .hasMessageContaining("at least 2 labelled images of every class");
    }

    @Test
    void theSameSeedGivesTheSameAccuraciesAndTheReportHasEveryMethod() {
        try (ImageDataset train = SyntheticDigits.generate(300, 1);
                ImageDataset test = SyntheticDigits.generate(200, 2)) {
            var settings = new Probe.Settings(List.of(3, 4), 1, 7, Device.CPU);
            ProbeReport first = probe(train, test, settings);
            ProbeReport second = probe(train, test, settings);
            assertThat(first.rows()).extracting(ProbeReport.Row::labelsPerClass).containsExactly(3, 4);
            assertThat(first.featureLength()).isEqualTo(16L * (4 + 8 + 16));
            assertThat(first.pixelLength()).isEqualTo(784);
            for (int r = 0; r < 2; r++) {
                var a = first.rows().get(r);
                var b = second.rows().get(r);
                for (var pair : List.of(
                        List.of(a.discriminator(), b.discriminator()),
                        List.of(a.randomDiscriminator(), b.randomDiscriminator()),
                        List.of(a.pixels(), b.pixels()),
                        List.of(a.supervisedNetwork(), b.supervisedNetwork()))) {
                    assertThat(pair.get(0).accuracy())
                            .hasSize(1)
                            .isEqualTo(pair.get(1).accuracy());
                    assertThat(pair.get(0).accuracy().get(0)).isBetween(0.15, 1.0); // above chance on digits
                }
                assertThat(a.pixels().penalties()).hasSize(1);
                assertThat(a.supervisedNetwork().penalties()).isEmpty();
            }
            assertThat(first.table().lines())
                    .hasSize(4)
                    .anySatisfy(line -> assertThat(line).startsWith("           3     1  "));
        }
    }

    @Test
    void tooManyLabelsOrTooFewAreRefusedBeforeAnyWork() {
        try (ImageDataset train = SyntheticDigits.generate(100, 1);
                ImageDataset test = SyntheticDigits.generate(100, 2);
                var d = new Discriminator(SMALL)) {
            assertThatThrownBy(() -> Probe.run(d, train, test, new Probe.Settings(List.of(50), 1, 1, Device.CPU), "d"))
                    .hasMessageContaining("labels per class 50 is more than");
            assertThatThrownBy(() -> new Probe.Settings(List.of(1), null, 1, Device.CPU))
                    .hasMessageContaining("at least 2");
        }
    }

    private static ProbeReport probe(ImageDataset train, ImageDataset test, Probe.Settings settings) {
        Torch.seed(99);
        try (var d = new Discriminator(SMALL)) {
            return Probe.run(d, train, test, settings, "small D");
        }
    }
}
