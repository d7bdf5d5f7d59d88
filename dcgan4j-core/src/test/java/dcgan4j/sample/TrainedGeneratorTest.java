package dcgan4j.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Torch;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainedGeneratorTest {
    @Test
    void loadedWeightsDrawTheImagesOfTheirSeedsInPlainJavaTypes(@TempDir Path dir) throws Exception {
        Torch.seed(5);
        Path weights = dir.resolve(ModelFiles.GENERATOR_FILE);
        List<BufferedImage> expected;
        try (var scope = new PointerScope();
                var g = new Generator(
                        ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build())) {
            ModelFiles.save(g, weights);
            expected = ImageGrid.tiles(Sampler.generate(g, 3, 7));
        }
        try (var loaded = TrainedGenerator.load(dir)) {
            List<BufferedImage> images = loaded.images(3, 7);
            assertThat(images).hasSize(3);
            for (int i = 0; i < 3; i++) {
                assertThat(pixels(images.get(i))).isEqualTo(pixels(expected.get(i)));
            }
            assertThat(pixels(loaded.images(1, 8).get(0))).isEqualTo(pixels(images.get(1))); // image i is seed 7 + i
            BufferedImage grid =
                    ImageIO.read(loaded.saveGrid(16, 1, dir.resolve("grid.png")).toFile());
            assertThat(grid.getWidth()).isEqualTo(8 * (28 + ImageGrid.PADDING) + ImageGrid.PADDING);
            assertThat(grid.getHeight()).isEqualTo(2 * (28 + ImageGrid.PADDING) + ImageGrid.PADDING);
            assertThat(loaded.saveFiles(2, 7, dir.resolve("files")))
                    .extracting(p -> p.getFileName().toString())
                    .containsExactly("seed0007.png", "seed0008.png");
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}
