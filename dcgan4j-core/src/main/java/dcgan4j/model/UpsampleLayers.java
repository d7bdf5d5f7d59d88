package dcgan4j.model;

import java.util.List;

/**
 * G as in the Keras MNIST article (Atienza, "GAN by Example using Keras on Tensorflow Backend"): a dense
 * layer reshaped to the first side, then blocks of nearest-neighbour 2× upsampling and a 5×5
 * convolution, each with BatchNorm and ReLU, one more 5×5 block at half width, and a 5×5 output
 * convolution. For 28×28 and the default widths it is the article's network (depth 256 = 4·ngf):
 *
 * <pre>
 * z                                               (N, nz, 1, 1)
 * Flatten  Linear(nz, 256*7*7)  BN1d ReLU         (N, 12544)
 * Unflatten  [Dropout]                            (N, 256, 7, 7)
 * Upsample ConvT(256, 128, 5, 1, 2)  BN ReLU      (N, 128, 14, 14)
 * Upsample ConvT(128, 64, 5, 1, 2)  BN ReLU       (N, 64, 28, 28)
 * ConvT(64, 32, 5, 1, 2)  BN ReLU                 (N, 32, 28, 28)
 * ConvT(32, nc, 5, 1, 2) + bias  Sigmoid|Tanh     (N, nc, 28, 28)
 * </pre>
 *
 * Other sizes start from the first side of the paper's plan ({@link ModelConfig#sides()}) from which
 * the side doubles to the image: 7 for 28 (as the article), 4 for 32, 64 and 128; each doubling is one
 * upsample block, and the width at the first side is {@code ngf · 2^blocks}, halved by every block.
 * A layer has a bias exactly when no BatchNorm follows it.
 */
final class UpsampleLayers {
    private static final int KERNEL = 5;
    private static final int SAME = 2;

    private UpsampleLayers() {}

    static void build(LayerStack g, ModelConfig c) {
        ModelVariant v = c.variant();
        int side = firstSide(c.sides());
        int blocks = doublings(c.imageSize(), c.sides());
        long width = (long) c.ngf() << blocks; // 256 for 28×28
        long dense = width * side * side;
        int layer = 1;
        boolean bn = v.generatorBatchNorm().at(layer, true);
        g.flatten(); // (N, nz + classes)
        g.linear(c.nz() + v.classes(), dense, !bn); // (N, width*side*side)
        g.batchNorm1d(bn, dense);
        g.relu();
        g.unflatten(width, side); // (N, width, side, side)
        g.dropout(v.generatorDropout());
        for (int i = 0; i < blocks; i++) { // each block doubles the side, halves the width
            bn = v.generatorBatchNorm().at(++layer, true);
            g.upsample();
            g.convTranspose(width, width / 2, KERNEL, 1, SAME, !bn);
            width /= 2;
            g.batchNorm(bn, width);
            g.relu();
        }
        long last = Math.max(1, width / 2); // the article's depth/8
        bn = v.generatorBatchNorm().at(++layer, true);
        g.convTranspose(width, last, KERNEL, 1, SAME, !bn); // (N, ngf/2, size, size)
        g.batchNorm(bn, last);
        g.relu();
        g.convTranspose(last, c.channels(), KERNEL, 1, SAME, true); // (N, nc, size, size)
        g.output(v.output());
    }

    /** Dense, the upsample blocks, the last half-width block. */
    static int hiddenLayers(int imageSize, List<Integer> sides) {
        return doublings(imageSize, sides) + 2;
    }

    /** 7 for 28×28, else 4: the first side of the paper's plan that doubles up to the image. */
    static int firstSide(List<Integer> sides) {
        int first = sides.size() - 1;
        while (first > 0 && sides.get(first - 1) * 2 == sides.get(first)) {
            first--;
        }
        return sides.get(first);
    }

    private static int doublings(int imageSize, List<Integer> sides) {
        return Integer.numberOfTrailingZeros(imageSize / firstSide(sides));
    }
}
