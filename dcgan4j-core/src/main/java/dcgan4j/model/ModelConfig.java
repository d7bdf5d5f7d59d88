package dcgan4j.model;

import java.util.List;

/**
 * The architecture of a generator/discriminator pair; everything needed to rebuild the networks
 * from saved weights. Built with {@link #builder(int, int)}: the paper's widths and networks unless
 * told otherwise, each setting named as its {@code config.yaml} key and command-line flag.
 *
 * @param imageSize side of the square images: 28 (MNIST-sized, 4 → 7 → 14 → 28) or 32, 64, 128 (4 → … → size)
 * @param channels  image channels: 1 (grey) or 3 (RGB)
 * @param nz        length of the latent vector z (paper and pytorch/examples: 100)
 * @param ngf       generator width: channels of its last hidden layer (64)
 * @param ndf       discriminator width: channels of its first layer (64)
 * @param variant   departures from the paper's networks ({@link ModelVariant#PAPER}: none)
 */
public record ModelConfig(int imageSize, int channels, int nz, int ngf, int ndf, ModelVariant variant) {
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
        List<Integer> sides = sides(imageSize); // the fields are not set yet: no instance methods here
        variant.generatorBatchNorm()
                .requireWithin(
                        variant.generator() == GeneratorKind.UPSAMPLE
                                ? UpsampleLayers.hiddenLayers(imageSize, sides)
                                : sides.size() - 1,
                        "generator");
        variant.discriminatorBatchNorm().requireWithin(sides.size() - 1, "discriminator");
    }

    /** The paper's networks. */
    public ModelConfig(int imageSize, int channels, int nz, int ngf, int ndf) {
        this(imageSize, channels, nz, ngf, ndf, ModelVariant.PAPER);
    }

    /** The same sizes with other variants. */
    public ModelConfig with(ModelVariant other) {
        return new ModelConfig(imageSize, channels, nz, ngf, ndf, other);
    }

    /** E.g. {@code 64x64x3, nz=100, ngf=64, ndf=64}: how errors name an architecture. */
    @Override
    public String toString() {
        String sizes = imageSize + "x" + imageSize + "x" + channels + ", nz=" + nz + ", ngf=" + ngf + ", ndf=" + ndf;
        return variant.equals(ModelVariant.PAPER) ? sizes : sizes + ", " + variant;
    }

    /** The paper's widths for the given image shape. */
    public static ModelConfig of(int imageSize, int channels) {
        return builder(imageSize, channels).build();
    }

    /** The paper's networks for images of this shape, to change some settings. */
    public static Builder builder(int imageSize, int channels) {
        return new Builder(imageSize, channels);
    }

    /** A builder holding this architecture. */
    public Builder toBuilder() {
        return new Builder(imageSize, channels).nz(nz).ngf(ngf).ndf(ndf).variant(variant);
    }

    /**
     * Sides of G's feature maps from the first (4×4) to the image, e.g. 4, 7, 14, 28 or
     * 4, 8, 16, 32, 64; D runs them backwards. Each step is a stride-2 (transposed) convolution
     * with kernel 4 where the side doubles and kernel 3 where it goes 2s−1 (4 → 7).
     */
    List<Integer> sides() {
        return sides(imageSize);
    }

    private static List<Integer> sides(int imageSize) {
        var sides = new java.util.ArrayList<Integer>();
        for (int side = imageSize; side > 4; side = (side + 1) / 2) {
            sides.add(0, side);
        }
        sides.add(0, 4);
        return List.copyOf(sides);
    }

    /** Kernel of the stride-2, padding-1 layer between sides {@code small} and {@code large}. */
    static int kernelBetween(int small, int large) {
        return large == 2 * small ? 4 : 3;
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * The settings one by one. The variant's parts are set flat ({@code dDropout}, {@code noise}),
     * as config files name them; {@code classes} is what a conditional model is built for.
     */
    public static final class Builder {
        private final int imageSize;
        private final int channels;
        private int nz = DEFAULT_NZ;
        private int ngf = DEFAULT_WIDTH;
        private int ndf = DEFAULT_WIDTH;
        private GeneratorKind generator = ModelVariant.PAPER.generator();
        private OutputActivation output = ModelVariant.PAPER.output();
        private double gDropout;
        private double dDropout;
        private String gBatchNorm = ModelVariant.PAPER.generatorBatchNorm().spec();
        private String dBatchNorm = ModelVariant.PAPER.discriminatorBatchNorm().spec();
        private NoiseDistribution noise = ModelVariant.PAPER.noise();
        private int classes;

        private Builder(int imageSize, int channels) {
            this.imageSize = imageSize;
            this.channels = channels;
        }

        public Builder nz(int v) {
            nz = v;
            return this;
        }

        public Builder ngf(int v) {
            ngf = v;
            return this;
        }

        public Builder ndf(int v) {
            ndf = v;
            return this;
        }

        public Builder generator(GeneratorKind v) {
            generator = v;
            return this;
        }

        public Builder output(OutputActivation v) {
            output = v;
            return this;
        }

        public Builder gDropout(double v) {
            gDropout = v;
            return this;
        }

        public Builder dDropout(double v) {
            dDropout = v;
            return this;
        }
        /** G's hidden layers with BatchNorm: {@code paper}, {@code none}, {@code all} or numbers such as {@code 2,3}. */
        public Builder gBatchNorm(String layers) {
            gBatchNorm = layers;
            return this;
        }
        /** D's hidden layers with BatchNorm, as {@link #gBatchNorm}. */
        public Builder dBatchNorm(String layers) {
            dBatchNorm = layers;
            return this;
        }

        public Builder noise(NoiseDistribution v) {
            noise = v;
            return this;
        }
        /** 0 for the paper's unconditional GAN, else the number of classes G and D are conditioned on. */
        public Builder classes(int v) {
            classes = v;
            return this;
        }

        /** All the variant's settings at once, e.g. those stored with existing weights. */
        public Builder variant(ModelVariant v) {
            return generator(v.generator())
                    .output(v.output())
                    .gDropout(v.generatorDropout())
                    .dDropout(v.discriminatorDropout())
                    .gBatchNorm(v.generatorBatchNorm().spec())
                    .dBatchNorm(v.discriminatorBatchNorm().spec())
                    .noise(v.noise())
                    .classes(v.classes());
        }

        /** @throws IllegalArgumentException naming the first setting the layer plans cannot take */
        public ModelConfig build() {
            return new ModelConfig(
                    imageSize,
                    channels,
                    nz,
                    ngf,
                    ndf,
                    new ModelVariant(
                            generator,
                            output,
                            gDropout,
                            dDropout,
                            new BatchNormLayers(gBatchNorm),
                            new BatchNormLayers(dBatchNorm),
                            noise,
                            classes));
        }
    }
}
