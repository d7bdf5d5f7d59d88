package dcgan4j.sample;

import dcgan4j.io.AtomicFiles;
import dcgan4j.torch.Tensors;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        List<BufferedImage> tiles = tiles(images);
        int n = tiles.size();
        int h = tiles.get(0).getHeight();
        int w = tiles.get(0).getWidth();
        int cols = Math.min(nrow, n);
        int rows = (n + cols - 1) / cols;
        BufferedImage grid = new BufferedImage(
                cols * (w + PADDING) + PADDING,
                rows * (h + PADDING) + PADDING,
                tiles.get(0).getType());
        var raster = grid.getRaster();
        for (int k = 0; k < n; k++) {
            raster.setRect(
                    PADDING + (k % cols) * (w + PADDING),
                    PADDING + (k / cols) * (h + PADDING),
                    tiles.get(k).getRaster());
        }
        return grid;
    }

    /** Each image of a batch (N, C, H, W) in [-1, 1] as a picture of its own: grey or RGB. */
    public static List<BufferedImage> tiles(Tensor images) {
        long[] s = Tensors.shape(images);
        int n = (int) s[0];
        int c = (int) s[1];
        int h = (int) s[2];
        int w = (int) s[3];
        float[] v = Tensors.toFloats(images);
        List<BufferedImage> tiles = new ArrayList<>(n);
        int[] pixel = new int[c];
        for (int k = 0; k < n; k++) {
            BufferedImage tile =
                    new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
            var raster = tile.getRaster();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int ch = 0; ch < c; ch++) {
                        pixel[ch] = toByte(v[((k * c + ch) * h + y) * w + x]);
                    }
                    raster.setPixel(x, y, pixel);
                }
            }
            tiles.add(tile);
        }
        return tiles;
    }

    /** The picture scaled up by a whole factor (pixels stay sharp) until it is at least {@code minSide} wide. */
    public static BufferedImage enlarged(BufferedImage image, int minSide) {
        int scale = scaleFor(image.getWidth(), minSide);
        if (scale == 1) {
            return image;
        }
        BufferedImage big = new BufferedImage(image.getWidth() * scale, image.getHeight() * scale, image.getType());
        java.awt.Graphics2D g = big.createGraphics();
        try {
            g.drawImage(image, 0, 0, big.getWidth(), big.getHeight(), null);
        } finally {
            g.dispose();
        }
        return big;
    }

    /** The smallest whole factor that makes {@code width} at least {@code minSide}. */
    static int scaleFor(int width, int minSide) {
        return Math.max(1, (minSide + width - 1) / width);
    }

    /** Writes the grid as a PNG, atomically: a reader never sees a half-written file. */
    public static void save(Tensor images, int nrow, Path png) throws IOException {
        writePng(of(images, nrow), png);
    }

    /** Writes any picture as a PNG, atomically. */
    public static void writePng(BufferedImage image, Path png) throws IOException {
        AtomicFiles.write(png, out -> {
            if (!ImageIO.write(image, "png", out)) {
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
