package dcgan4j.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Tensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Walks, vector arithmetic, z files and sample files on a small untrained generator. */
class LatentToolsTest {
    private static final ModelConfig SMALL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();

    @TempDir
    Path dir;

    @Test
    void theEndpointsOfAWalkAreTheEndpointsImages() {
        for (LatentWalk.Mode mode : LatentWalk.Mode.values()) {
            try (var scope = new PointerScope();
                    var g = new Generator(SMALL)) {
                Tensor points = LatentNoise.forSeeds(10, 3, SMALL);
                Tensor walk = LatentWalk.through(points, 5, mode);
                assertThat(walk.size(0)).isEqualTo(2 * 5 + 1);
                for (int k = 0; k < walk.size(0); k++) { // a slider's one frame is the walk's
                    assertThat(LatentWalk.frame(points, 5, mode, k).equal(walk.narrow(0, k, 1)))
                            .as(mode + " frame " + k)
                            .isTrue();
                }
                assertThatThrownBy(() -> LatentWalk.frame(points, 5, mode, 11)).hasMessageContaining("11 frames");
                for (int p = 0; p < 3; p++) {
                    assertThat(walk.narrow(0, 5L * p, 1).equal(points.narrow(0, p, 1)))
                            .as(mode + " point " + p)
                            .isTrue();
                }
                Tensor frames = Sampler.generate(g, walk);
                Tensor ends = Sampler.generate(g, points);
                // the same z give the same images (up to float rounding of a different batch size)
                assertThat(frames.narrow(0, 0, 1).allclose(ends.narrow(0, 0, 1), 0, 1e-6, false))
                        .as(mode + " start")
                        .isTrue();
                assertThat(frames.narrow(0, 5, 1).allclose(ends.narrow(0, 1, 1), 0, 1e-6, false))
                        .as(mode + " middle")
                        .isTrue();
                assertThat(frames.narrow(0, 10, 1).allclose(ends.narrow(0, 2, 1), 0, 1e-6, false))
                        .as(mode + " end")
                        .isTrue();
                assertThat(frames.narrow(0, 1, 1).allclose(ends.narrow(0, 0, 1), 0, 1e-6, false))
                        .as(mode + " moves")
                        .isFalse();
            }
        }
    }

    @Test
    void sphericalStepsKeepTheNormWhereStraightOnesCutThroughTheMiddle() {
        try (var scope = new PointerScope()) {
            Tensor a = torch.zeros(1, 4, 1, 1);
            a.view(-1).narrow(0, 0, 1).fill_(new org.bytedeco.pytorch.Scalar(2.0));
            Tensor b = torch.zeros(1, 4, 1, 1);
            b.view(-1).narrow(0, 1, 1).fill_(new org.bytedeco.pytorch.Scalar(2.0)); // orthogonal, same norm
            Tensor points = torch.cat(new TensorVector(a, b));
            double sphericalMid = LatentWalk.through(points, 2, LatentWalk.Mode.SPHERICAL)
                    .narrow(0, 1, 1)
                    .norm()
                    .item_double();
            double linearMid = LatentWalk.through(points, 2, LatentWalk.Mode.LINEAR)
                    .narrow(0, 1, 1)
                    .norm()
                    .item_double();
            assertThat(sphericalMid).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(linearMid).isCloseTo(Math.sqrt(2.0), org.assertj.core.data.Offset.offset(1e-5));
            assertThatThrownBy(() -> LatentWalk.through(a, 4, LatentWalk.Mode.LINEAR))
                    .hasMessageContaining("at least 2 points");
        }
    }

    @Test
    void arithmeticWithAEqualToBGivesTheImageOfCsMean() {
        try (var scope = new PointerScope();
                var g = new Generator(SMALL)) {
            Tensor a = LatentNoise.forSeeds(1, 3, SMALL);
            Tensor c = LatentNoise.forSeeds(20, 2, SMALL);
            Tensor result = LatentArithmetic.combine(a, a, c);
            Tensor meanC = LatentArithmetic.mean(c);
            assertThat(result.equal(meanC)).isTrue();
            Tensor images = Sampler.generate(g, torch.cat(new TensorVector(result, meanC)));
            assertThat(images.narrow(0, 0, 1).equal(images.narrow(0, 1, 1))).isTrue();

            Tensor b = LatentNoise.forSeeds(7, 3, SMALL);
            Tensor expected = a.mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional())
                    .sub(b.mean(new long[] {0}, true, new org.bytedeco.pytorch.ScalarTypeOptional()))
                    .add(meanC);
            assertThat(LatentArithmetic.combine(a, b, c).allclose(expected)).isTrue();
            Tensor near = LatentArithmetic.around(result, 4, 0.25, 3);
            assertThat(near.size(0)).isEqualTo(4);
            double spread = near.sub(result).std().item_double();
            assertThat(spread).isBetween(0.15, 0.35);
            assertThat(LatentArithmetic.around(result, 2, 0, 3).narrow(0, 1, 1).equal(result))
                    .isTrue();
        }
    }

    @Test
    void aNumberedSheetSavesTheZOfEachIndex() throws IOException {
        try (var scope = new PointerScope();
                var g = new Generator(SMALL)) {
            Tensor z = LatentNoise.forSeeds(5, 12, SMALL);
            Path png = dir.resolve("sheet.png");
            Path zFile = SampleSets.writeNumberedSheet(Sampler.generate(g, z), z, 4, png);
            assertThat(zFile).isEqualTo(dir.resolve("sheet.z.safetensors"));
            BufferedImage sheet = ImageIO.read(png.toFile());
            assertThat(sheet.getWidth()).isGreaterThan(4 * 28 * 2); // small images enlarged for captions
            Tensor loaded = LatentFile.load(zFile, SMALL.nz());
            assertThat(loaded.equal(z)).isTrue();
            assertThat(LatentFile.bytes(z)).isEqualTo(Files.readAllBytes(zFile)); // a download is the file
            assertThat(LatentFile.row(loaded, 7, zFile).equal(LatentNoise.forSeeds(12, 1, SMALL)))
                    .isTrue();
            assertThatThrownBy(() -> LatentFile.row(loaded, 12, zFile))
                    .hasMessageContaining("index 12 is not on the sheet");
            assertThatThrownBy(() -> LatentFile.load(zFile, 100)).hasMessageContaining("nz=100");

            Path weights = dir.resolve("netG.safetensors");
            ModelFiles.save(g, weights);
            assertThatThrownBy(() -> LatentFile.load(weights, SMALL.nz()))
                    .hasMessageContaining("holds no latent vectors");
        }
    }

    @Test
    void sampleFilesAreTheImagesOfTheirSeeds() throws IOException {
        try (var scope = new PointerScope();
                var g = new Generator(SMALL)) {
            List<Path> files = SampleSets.writeFiles(g, 3, 40, null, dir.resolve("samples"));
            assertThat(files)
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("seed0040.png", "seed0041.png", "seed0042.png");
            BufferedImage second = ImageIO.read(files.get(1).toFile());
            BufferedImage expected = ImageGrid.tiles(Sampler.generate(g, 1, 41)).get(0);
            assertThat(second.getWidth()).isEqualTo(28);
            assertThat(second.getRaster().getPixels(0, 0, 28, 28, (int[]) null))
                    .containsExactly(expected.getRaster().getPixels(0, 0, 28, 28, (int[]) null));
            assertThat(Files.list(dir.resolve("samples")).count()).isEqualTo(3);
        }
    }

    @Test
    void aConditionalGeneratorsLatentToolsKeepOneClassAndItsFilesCycleClassesAcrossBatches() throws IOException {
        ModelConfig conditional =
                ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).classes(3).build();
        try (var scope = new PointerScope();
                var g = new Generator(conditional);
                var plain = new Generator(SMALL)) {
            assertThat(ClassSamples.labels(plain, null, 4)).isNull();
            assertThatThrownBy(() -> ClassSamples.labels(plain, 1, 4)).hasMessageContaining("not conditional");
            assertThatThrownBy(() -> ClassSamples.labels(g, null, 4)).hasMessageContaining("setting 'classLabel'");
            assertThatThrownBy(() -> ClassSamples.labels(g, 3, 4)).hasMessageContaining("0..2");
            assertThat(ClassSamples.labels(g, 2, 4).equal(Tensors.indices(2, 2, 2, 2)))
                    .isTrue();
            assertThat(Sampler.cyclingLabels(4, 5, conditional).equal(Tensors.indices(1, 2, 0, 1, 2)))
                    .isTrue();

            List<Path> files = SampleSets.writeFiles(g, 300, 0, null, dir.resolve("cycling"));
            Tensor z = LatentNoise.forSeeds(299, 1, conditional);
            Tensor last = Sampler.generate(g, z, Sampler.cyclingLabels(299, 1, conditional));
            BufferedImage expected = ImageGrid.tiles(last).get(0);
            assertThat(ImageIO.read(files.get(299).toFile()).getRaster().getPixels(0, 0, 28, 28, (int[]) null))
                    .containsExactly(expected.getRaster().getPixels(0, 0, 28, 28, (int[]) null));
        }
    }
}
