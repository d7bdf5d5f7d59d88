package dcgan4j.model;

import java.util.List;

/**
 * The architecture of a generator/discriminator pair; everything needed to rebuild the networks
 * from saved weights.
 *
 * @param imageSize side of the square images: 28 (MNIST-sized, 7 → 14 → 28) or 32, 64, 128 (4 → … → size)
 * @param channels  image channels: 1 (grey) or 3 (RGB)
 * @param nz        length of the latent vector z (paper and pytorch/examples: 100)
 * @param ngf       generator width: channels of its last hidden layer (64)
 * @param ndf       discriminator width: channels of its first layer (64)
 */
public record ModelConfig(int imageSize, int channels, int nz, int ngf, int ndf) {
    /** Image sides the layer plans support. */
    public static final List<Integer> IMAGE_SIZES = List.of(28, 32, 64, 128);

    public static final int DEFAULT_NZ = 100;
    public static final int DEFAULT_WIDTH = 64;

    public ModelConfig {
        if (!IMAGE_SIZES.contains(imageSize)) {
            throw new IllegalArgumentException("image size must be one of " + IMAGE_SIZES + ", got " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        requirePositive("nz", nz);
        requirePositive("ngf", ngf);
        requirePositive("ndf", ndf);
    }

    /** The paper's widths for the given image shape. */
    public static ModelConfig of(int imageSize, int channels) {
        return new ModelConfig(imageSize, channels, DEFAULT_NZ, DEFAULT_WIDTH, DEFAULT_WIDTH);
    }

    /** Side of the first feature map of G (and the last of D): 7 for 28×28 images, else 4. */
    int baseSize() {
        return imageSize == 28 ? 7 : 4;
    }

    /** Number of ×2 up-samplings in G from {@link #baseSize()} to {@link #imageSize}. */
    int doublings() {
        return Integer.numberOfTrailingZeros(imageSize / baseSize());
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
