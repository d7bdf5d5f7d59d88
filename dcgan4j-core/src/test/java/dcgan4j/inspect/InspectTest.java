package dcgan4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Tensors;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Looking inside D and the nearest-neighbour search behind the memorization check. */
class InspectTest {
    private static final ModelConfig SMALL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();

    @Test
    void theProbesHaveTheShapesOfDsLayersAndLeaveDAlone() {
        try (var scope = new PointerScope();
                var d = new Discriminator(SMALL)) {
            Tensor images = torch.rand(3, 1, 28, 28)
                    .mul(new org.bytedeco.pytorch.Scalar(2))
                    .sub(new org.bytedeco.pytorch.Scalar(1));
            Tensor filters = DiscriminatorProbe.firstLayerFilters(d);
            assertThat(Tensors.shape(filters)).containsExactly(8, 1, 4, 4);
            assertThat(filters.min().item_double()).isEqualTo(-1.0);
            assertThat(filters.max().item_double()).isEqualTo(1.0);

            List<Tensor> blocks = DiscriminatorProbe.blockOutputs(d, images);
            assertThat(blocks)
                    .extracting(Tensors::shape)
                    .containsExactly(new long[] {3, 8, 14, 14}, new long[] {3, 16, 7, 7}, new long[] {3, 32, 4, 4});
            assertThat(Tensors.shape(DiscriminatorProbe.features(d, images))).containsExactly(3, 32 * 4 * 4);

            Map<String, Tensor> before = new LinkedHashMap<>();
            d.stateDict().forEach((k, v) -> before.put(k, v.detach().clone()));
            Tensor saliency = DiscriminatorProbe.saliency(d, images);
            assertThat(Tensors.shape(saliency)).containsExactly(3, 1, 28, 28);
            assertThat(saliency.amax(new long[] {1, 2, 3}, false).allclose(torch.ones(3)))
                    .isTrue();
            assertThat(saliency.min().item_double()).isGreaterThanOrEqualTo(0.0);
            // each image's own gradient: another image's map differs, and the rest of the batch changes nothing
            assertThat(saliency.select(0, 0).allclose(saliency.select(0, 1))).isFalse();
            assertThat(saliency.select(0, 2).allclose(saliency.select(0, 1))).isFalse();
            Tensor alone = DiscriminatorProbe.saliency(d, images.narrow(0, 1, 1));
            assertThat(alone.allclose(saliency.narrow(0, 1, 1), 1e-4, 1e-6, false))
                    .as("image 1 alone")
                    .isTrue();
            Tensor blockAlone =
                    DiscriminatorProbe.blockOutputs(d, images.narrow(0, 2, 1)).get(2);
            assertThat(blockAlone.allclose(blocks.get(2).narrow(0, 2, 1), 1e-4, 1e-6, false))
                    .as("image 2's features alone")
                    .isTrue();

            before.forEach((k, v) -> assertThat(d.stateDict().get(k).equal(v))
                    .as("%s untouched", k)
                    .isTrue());
            assertThat(d.stateDict().get("main.0.weight").grad().defined())
                    .as("no gradient collected in D")
                    .isFalse();
            assertThat(d.isTraining()).isTrue();
        }
    }

    /** Each tile of the filter sheet is D's own first-layer filter, min-max scaled to 0..255. */
    @Test
    void theFilterSheetShowsDsFirstLayerWeights() {
        try (var scope = new PointerScope();
                var d = new Discriminator(SMALL)) {
            float[] w = Tensors.toFloats(d.stateDict().get("main.0.weight")); // (8, 1, 4, 4)
            BufferedImage sheet = ProbeSheets.filters(d);
            int scale = 16; // 4 px filters enlarged to the sheet's 64 px cells
            for (int k = 0; k < 8; k++) {
                float lo = Float.MAX_VALUE;
                float hi = -Float.MAX_VALUE;
                for (int i = 0; i < 16; i++) {
                    lo = Math.min(lo, w[k * 16 + i]);
                    hi = Math.max(hi, w[k * 16 + i]);
                }
                int left = 4 + k * (64 + 4); // gaps of 4 px, captions of 14 px above each cell
                int top = 4 + 14;
                for (int y = 0; y < 4; y++) {
                    for (int x = 0; x < 4; x++) {
                        int expected = Math.round((w[k * 16 + y * 4 + x] - lo) / (hi - lo) * 255);
                        int shown = sheet.getRGB(left + x * scale + scale / 2, top + y * scale + scale / 2) & 0xff;
                        assertThat(shown).as("filter %d at (%d,%d)", k, x, y).isCloseTo(expected, within(1));
                    }
                }
            }
        }
    }

    @Test
    void theChunkedSearchFindsTheSameNeighboursAsBruteForce() {
        Random random = new Random(3);
        int count = 5000; // more than one chunk
        int dim = 6;
        float[] refs = new float[count * dim];
        for (int i = 0; i < refs.length; i++) {
            refs[i] = (float) random.nextGaussian();
        }
        try (var scope = new PointerScope()) {
            Tensor references = Tensors.fromFloats(refs).view(count, dim);
            Tensor queries = torch.cat(new org.bytedeco.pytorch.TensorVector(
                    references.narrow(0, 4500, 1),
                    Tensors.fromFloats(0.1f, 0.2f, 0.3f, 0f, -1f, 2f).view(1, dim)));
            var result =
                    NearestNeighbours.search(queries, (from, to) -> references.narrow(0, from, to - from), count, 3);
            assertThat(result.indices()[0][0]).isEqualTo(4500);
            assertThat(result.distances()[0][0]).isZero();
            float[] q = Tensors.toFloats(queries.narrow(0, 1, 1));
            int[] brute = IntStream.range(0, count)
                    .boxed()
                    .sorted((a, b) -> Double.compare(distance(refs, a, q), distance(refs, b, q)))
                    .limit(3)
                    .mapToInt(Integer::intValue)
                    .toArray();
            assertThat(result.indices()[1]).containsExactly(brute);
            assertThat((double) result.distances()[1][0])
                    .isCloseTo(Math.sqrt(distance(refs, brute[0], q) / dim), org.assertj.core.data.Offset.offset(1e-4));
            Tensor firstTwo = references.narrow(0, 0, 2);
            var selves =
                    NearestNeighbours.search(firstTwo, (from, to) -> references.narrow(0, from, to - from), count, 3);
            assertThat(selves.indices()[1][0]).isEqualTo(1);
            assertThat(selves.withoutSelf().indices()[1])
                    .containsExactly(selves.indices()[1][1], selves.indices()[1][2]);
        }
    }

    @Test
    void theMemorizationReportComparesSamplesWithUnseenImages() {
        try (var scope = new PointerScope();
                var g = new Generator(SMALL);
                var d = new Discriminator(SMALL);
                ImageDataset train = SyntheticDigits.generate(300, 1);
                ImageDataset unseen = SyntheticDigits.generate(40, 2)) {
            var report = MemorizationCheck.run(g, d, train, unseen, "unseen digits", 20, 2, 1);
            assertThat(report.pixels().indices()).hasNumberOfRows(20);
            assertThat(report.heldOutPixels().indices()).hasNumberOfRows(20);
            // an untrained generator makes noise: its samples lie farther from the digits than unseen digits do
            assertThat(median(report.pixels().nearest()))
                    .isGreaterThan(median(report.heldOutPixels().nearest()));
            assertThat(report.table().lines()).hasSize(5);

            var selfCheck = MemorizationCheck.run(g, d, train, null, null, 10, 1, 1);
            assertThat(selfCheck.heldOutName()).isEqualTo("other training images");
            assertThat(java.util.Arrays.stream(selfCheck.heldOutPixels().nearest())
                            .min()
                            .orElseThrow())
                    .isPositive();
        }
        double[] q = MemorizationCheck.quantiles(
                IntStream.rangeClosed(0, 100).asDoubleStream().toArray());
        assertThat(q).containsExactly(0, 5, 25, 50, 75, 95);
    }

    @Test
    void everyPictureWorksForColourModelsOfOtherSizes() {
        ModelConfig rgb = ModelConfig.builder(32, 3).nz(16).ngf(8).ndf(8).build();
        try (var scope = new PointerScope();
                var g = new Generator(rgb);
                var d = new Discriminator(rgb);
                ImageDataset train = SyntheticDigits.generate(40, 1).reshaped(32, 3)) {
            Tensor fake = dcgan4j.sample.Sampler.generate(g, 4, 1);
            java.awt.image.BufferedImage filters = ProbeSheets.filters(d);
            assertThat(filters.getWidth()).isGreaterThan(8 * 64); // 8 filters a row, enlarged
            assertThat(ProbeSheets.activations(d, fake, 4).getHeight()).isGreaterThan(4 * 64); // input + 3 blocks
            assertThat(ProbeSheets.saliency(d, fake, fake).getWidth()).isGreaterThan(4 * 64);
            var report = MemorizationCheck.run(g, d, train, null, null, 4, 2, 1);
            java.awt.image.BufferedImage sheet = NearestSheet.render(report, train, 2);
            // 2 rows of a sample + 2 pixel and 2 feature neighbours, 32 px enlarged to 64, captions 14 px, gaps 4 px
            assertThat(sheet.getWidth()).isEqualTo(5 * (64 + 4) + 4);
            assertThat(sheet.getHeight()).isEqualTo(2 * (64 + 14 + 4) + 4);
        }
    }

    private static double median(double[] values) {
        return MemorizationCheck.quantiles(values)[3];
    }

    private static double distance(float[] refs, int i, float[] q) {
        double s = 0;
        for (int k = 0; k < q.length; k++) {
            double diff = refs[i * q.length + k] - q[k];
            s += diff * diff;
        }
        return s;
    }
}
