package dcgan4j.model;

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
 * 28×28 images: (N, ndf, 14, 14) → (N, ndf*2, 7, 7) → {@code Conv(ndf*2, 1, 7, 1, 0)} (N, 1, 1, 1).
 */
public final class Discriminator extends Network {
    private static final double SLOPE = 0.2;

    public Discriminator(ModelConfig config) {
        super("Discriminator", config);
    }

    @Override
    void build(LayerStack d, ModelConfig c) {
        long width = c.ndf();
        d.conv(c.channels(), width, 4, 2, 1);             // (N, ndf, size/2, size/2), no BN on the input layer
        d.leakyRelu(SLOPE);
        for (int i = 1; i < c.doublings(); i++) {          // each block halves the side, doubles the width
            d.conv(width, width * 2, 4, 2, 1);
            width *= 2;
            d.batchNorm(width);
            d.leakyRelu(SLOPE);
        }
        d.conv(width, 1, c.baseSize(), 1, 0);              // (N, 1, 1, 1): one logit per image
    }
}
