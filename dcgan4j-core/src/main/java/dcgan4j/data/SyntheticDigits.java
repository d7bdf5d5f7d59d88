package dcgan4j.data;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The built-in default data: MNIST-like 28×28 grey digits drawn as pen strokes with random rotation,
 * scale, shear, shift and stroke width. Needs no download and no font; image {@code i} depends only
 * on the seed and {@code i}, so any count renders the same images in parallel.
 */
public final class SyntheticDigits {
    public static final int SIZE = 28;
    public static final int CLASSES = 10;
    /** Side of the box the glyph is fitted into, as MNIST fits digits into 20×20. */
    private static final double BOX = 19.0;

    private SyntheticDigits() {}

    /** Renders {@code count} labelled digits; labels cycle 0..9 so classes stay balanced. */
    public static ImageDataset generate(int count, long seed) {
        if (count <= 0) {
            throw new IllegalArgumentException("synthetic image count must be positive, got " + count);
        }
        byte[] pixels = new byte[count * SIZE * SIZE];
        int[] labels = new int[count];
        IntStream.range(0, count).parallel().forEach(i -> {
            labels[i] = i % CLASSES;
            byte[] image = render(labels[i], new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1))));
            System.arraycopy(image, 0, pixels, i * SIZE * SIZE, image.length);
        });
        return ImageDataset.of("synthetic", pixels, count, 1, SIZE, labels, CLASSES);
    }

    /** One 28×28 digit, row-major, 0 = background, 255 = ink. */
    static byte[] render(int digit, SplittableRandom random) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            double scale = BOX * uniform(random, 0.85, 1.05);
            AffineTransform at = new AffineTransform();
            at.translate(SIZE / 2.0 + uniform(random, -1.5, 1.5), SIZE / 2.0 + uniform(random, -1.5, 1.5));
            at.rotate(Math.toRadians(uniform(random, -10, 10)));
            at.shear(uniform(random, -0.2, 0.2), 0);
            at.scale(scale * uniform(random, 0.85, 1.05), scale);
            at.translate(-0.5, -0.5);
            g.setColor(Color.WHITE);
            g.setStroke(
                    new BasicStroke((float) uniform(random, 1.8, 2.8), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(at.createTransformedShape(DigitStrokes.of(digit)));
        } finally {
            g.dispose();
        }
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }
}
