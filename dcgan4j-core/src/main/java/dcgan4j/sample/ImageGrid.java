package dcgan4j.sample;

import dcgan4j.run.AtomicFiles;
import dcgan4j.torch.Tensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.Tensor;

/**
 * Lays out a batch of images as one picture, like torchvision's
 * {@code save_image(images, normalize=True, value_range=(-1, 1))}: rows of {@code nrow} images with
 * a 2-pixel black border around each, values mapped from [-1, 1] to 0..255.
 */
public final class ImageGrid {
    public static final int PADDING = 2;

    private ImageGrid() {}

    /** The grid as an image: grey for one channel, RGB for three. */
    public static BufferedImage of(Tensor images, int nrow) {
        long[] s = Tensors.shape(images);
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        int cols = Math.min(nrow, n);
        int rows = (n + cols - 1) / cols;
        float[] v = Tensors.toFloats(images);
        BufferedImage grid = new BufferedImage(
                cols * (w + PADDING) + PADDING,
                rows * (h + PADDING) + PADDING,
                c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        var raster = grid.getRaster();
        int[] pixel = new int[c];
        for (int k = 0; k < n; k++) {
            int x0 = PADDING + (k % cols) * (w + PADDING);
            int y0 = PADDING + (k / cols) * (h + PADDING);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        pixel[ch] = toByte(v[((k * c + ch) * h + y) * w + x]);
                    }
                    raster.setPixel(x0 + x, y0 + y, pixel);
                }
            }
        }
        return grid;
    }

    /** Writes the grid as a PNG, atomically: a reader never sees a half-written file. */
    public static void save(Tensor images, int nrow, Path png) throws IOException {
        BufferedImage grid = of(images, nrow);
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(grid, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    /** [-1, 1] → 0..255, clamped, rounded as torchvision does ({@code x * 255 + 0.5}). */
    static int toByte(float value) {
        float unit = Math.min(1f, Math.max(0f, (value + 1f) / 2f));
        return (int) (unit * 255f + 0.5f);
    }
}
