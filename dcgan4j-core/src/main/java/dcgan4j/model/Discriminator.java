package dcgan4j.model;

import dcgan4j.conv.ConvRoutes;
import java.util.List;

/**
 * D: maps images (N, channels, size, size) to one logit each (N, 1, 1, 1) with strided convolutions,
 * LeakyReLU(0.2) and BatchNorm on all but the first layer. It ends in a logit, not a sigmoid: the
 * loss is {@code binary_cross_entropy_with_logits}, which is the numerically stable form.
 *
 * <p>For 64×64×3 and the default widths this is pytorch/examples dcgan's {@code netD} less the
 * parameter-free Sigmoid (2,765,568 parameters):
 *
 * <pre>
 * image                                          (N, nc, 64, 64)
 * Conv(nc, ndf, 4, 2, 1)  LReLU                  (N, ndf, 32, 32)
 * Conv(ndf, ndf*2, 4, 2, 1)  BN LReLU            (N, ndf*2, 16, 16)
 * Conv(ndf*2, ndf*4, 4, 2, 1)  BN LReLU          (N, ndf*4, 8, 8)
 * Conv(ndf*4, ndf*8, 4, 2, 1)  BN LReLU          (N, ndf*8, 4, 4)
 * Conv(ndf*8, 1, 4, 1, 0)                        (N, 1, 1, 1)
 * </pre>
 *
 * 28×28 images: (N, ndf, 14, 14) → (N, ndf*2, 7, 7) → {@code Conv(ndf*2, ndf*4, 3, 2, 1)} (N, ndf*4, 4, 4)
 * → (N, 1, 1, 1).
 *
 * <p>Variants ({@link ModelVariant}): dropout after every LeakyReLU (the Keras article's 0.4); BatchNorm on
 * other hidden layers (a layer whose paper BatchNorm is switched off gets a bias instead); the image
 * widened by the one-hot class maps of a conditional model.
 */
public final class Discriminator extends Network {
    private static final double SLOPE = 0.2;

    public Discriminator(ModelConfig config) {
        this(config, ConvRoutes.standard());
    }

    /** With its convolutions computed by {@code routes}: for testing the kernels. */
    public Discriminator(ModelConfig config, ConvRoutes routes) {
        super("Discriminator", config, routes);
    }

    @Override
    int inputSide(ModelConfig config) {
        return config.imageSize();
    }

    @Override
    void build(LayerStack d, ModelConfig c) {
        ModelVariant v = c.variant();
        List<Integer> sides = c.sides(); // 4, 8, 16, 32, 64 for 64×64
        int last = sides.size() - 1;
        long width = c.ndf();
        boolean bn = v.discriminatorBatchNorm().at(1, false);
        d.conv(
                c.channels() + v.classes(),
                width,
                ModelConfig.kernelBetween(sides.get(last - 1), sides.get(last)),
                2,
                1,
                false);
        d.batchNorm(bn, width);
        d.leakyRelu(SLOPE); // (N, ndf, size/2, size/2), no BN on the input layer
        d.dropout(v.discriminatorDropout());
        for (int i = last - 1; i >= 1; i--) { // each block shrinks the side, doubles the width
            bn = v.discriminatorBatchNorm().at(last - i + 1, true);
            d.conv(width, width * 2, ModelConfig.kernelBetween(sides.get(i - 1), sides.get(i)), 2, 1, !bn);
            width *= 2;
            d.batchNorm(bn, width);
            d.leakyRelu(SLOPE);
            d.dropout(v.discriminatorDropout());
        }
        d.conv(width, 1, 4, 1, 0, false); // (N, 1, 1, 1): one logit per image
    }
}
