package dcgan4j.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {

    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void greyImagesAreLaidOutInRowsWithATwoPixelBlackBorder(@TempDir Path dir) throws IOException {
        try (var scope = new PointerScope()) {
            float[] values = new float[10 * 4 * 4];
            for (int k = 0; k < 10; k++) {
                java.util.Arrays.fill(values, k * 16, (k + 1) * 16, k / 4.5f - 1f); // image k is flat
            }
            Tensor images = Tensors.fromFloats(values).view(10, 1, 4, 4);
            Path png = dir.resolve("grid.png");
            ImageGrid.save(images, 4, png);
            BufferedImage grid = ImageIO.read(png.toFile());
            assertThat(grid.getWidth()).isEqualTo(4 * (4 + 2) + 2);
            assertThat(grid.getHeight()).isEqualTo(3 * (4 + 2) + 2);
            assertThat(grid.getRaster().getNumBands()).isEqualTo(1);
            assertThat(grid.getRaster().getSample(0, 0, 0)).isZero(); // border
            assertThat(grid.getRaster().getSample(2, 2, 0)).isZero(); // image 0 is -1
            assertThat(grid.getRaster().getSample(2 + 6 + 1, 2 + 2 * 6, 0))
                    .isEqualTo(255); // image 9 (row 2, col 1) is +1
            assertThat(grid.getRaster().getSample(2 + 6, 2, 0)).isEqualTo(28); // image 1: -7/9 → 28
            assertThat(grid.getRaster().getSample(2 + 3 * 6, 2 + 2 * 6, 0)).isZero(); // empty slot after image 9
        }
    }

    @Test
    void rgbKeepsChannelOrderAndValuesAreClamped() {
        try (var scope = new PointerScope()) {
            Tensor red = Tensors.fromFloats(5f, -1f, -3f).view(1, 3, 1, 1);
            BufferedImage grid = ImageGrid.of(red, 8);
            assertThat(grid.getWidth()).isEqualTo(5);
            assertThat(grid.getRGB(2, 2) & 0xffffff).isEqualTo(0xff0000);
        }
        assertThat(ImageGrid.toByte(0f)).isEqualTo(128);
    }
}
