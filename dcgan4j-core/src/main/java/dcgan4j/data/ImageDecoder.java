package dcgan4j.data;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.geometry.Positions;

/**
 * Decodes one image file into a square uint8 image: optional crop box, resize so the shorter side
 * fits, centre crop. Any format ImageIO reads (JPEG incl. CMYK via TwelveMonkeys, PNG incl. 16-bit,
 * BMP, GIF's first frame); grey, RGB, RGBA and CMYK all come out as the requested channels.
 *
 * <p>Memory stays bounded for huge files: images more than four times the target side are
 * subsampled while decoding (down to at least four times the target), and the rest of the way is an
 * area-like progressive-bilinear downscale (Thumbnailator), never nearest-neighbour alone.
 */
final class ImageDecoder {
    /** Decoded images are kept at least this many times the target side before the quality downscale. */
    static final int OVERSAMPLE = 4;

    private ImageDecoder() {}

    /** Row-major (channels, side, side) bytes. */
    static byte[] decode(Path file, int side, int channels, CropBox crop) throws IOException {
        BufferedImage region = readRegion(file, side, crop);
        BufferedImage square = Thumbnails.of(region)
                .size(side, side)
                .crop(Positions.CENTER)
                .imageType(channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB)
                .asBufferedImage();
        return planes(square, channels, side);
    }

    /** The (cropped) image as decoded, subsampled for huge inputs: at most a few times {@code side}. */
    static BufferedImage readRegion(Path file, int side, CropBox crop) throws IOException {
        if (Files.size(file) == 0) {
            throw new IOException("empty file");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not an image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                Rectangle whole = new Rectangle(width, height);
                Rectangle region = crop == null
                        ? whole
                        : new Rectangle(crop.x(), crop.y(), crop.width(), crop.height()).intersection(whole);
                if (region.isEmpty()) {
                    throw new IOException("crop box " + crop + " lies outside the " + width + "x" + height + " image");
                }
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceRegion(region);
                int step = Math.max(1, Math.min(region.width, region.height) / (OVERSAMPLE * side));
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage image = reader.read(0, param);
                if (image == null) {
                    throw new IOException("no image in file");
                }
                return image;
            } catch (RuntimeException e) { // broken files make some readers throw unchecked exceptions
                throw new IOException("corrupt image: " + e.getMessage(), e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static byte[] planes(BufferedImage image, int channels, int side) {
        if (channels == 1) {
            return ((DataBufferByte) image.getRaster().getDataBuffer())
                    .getData()
                    .clone();
        }
        int plane = side * side;
        byte[] out = new byte[3 * plane];
        int[] rgb = image.getRGB(0, 0, side, side, null, 0, side);
        for (int i = 0; i < plane; i++) {
            out[i] = (byte) (rgb[i] >> 16);
            out[plane + i] = (byte) (rgb[i] >> 8);
            out[2 * plane + i] = (byte) rgb[i];
        }
        return out;
    }
}
