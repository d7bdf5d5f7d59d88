package dcgan4j.model;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.torch.Tensors;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;

/**
 * G: maps z (N, nz, 1, 1) to images (N, channels, size, size) in [-1, 1] with transposed
 * convolutions, BatchNorm and ReLU, Tanh on the output — no pooling, no fully-connected layers.
 *
 * <p>For 64×64×3 and the default widths this is exactly pytorch/examples dcgan's {@code netG}
 * (3,576,704 parameters):
 *
 * <pre>
 * z                                              (N, nz, 1, 1)
 * ConvT(nz, ngf*8, 4, 1, 0)  BN ReLU            (N, ngf*8, 4, 4)
 * ConvT(ngf*8, ngf*4, 4, 2, 1)  BN ReLU         (N, ngf*4, 8, 8)
 * ConvT(ngf*4, ngf*2, 4, 2, 1)  BN ReLU         (N, ngf*2, 16, 16)
 * ConvT(ngf*2, ngf, 4, 2, 1)  BN ReLU           (N, ngf, 32, 32)
 * ConvT(ngf, nc, 4, 2, 1)  Tanh                 (N, nc, 64, 64)
 * </pre>
 *
 * Other sizes add or drop a middle block. 28×28 goes 4 → 7 → 14 → 28, the first step with a
 * kernel of 3: {@code ConvT(ngf*4, ngf*2, 3, 2, 1)} (N, ngf*2, 7, 7) → (N, ngf, 14, 14) → (N, nc, 28, 28).
 *
 * <p>Variants ({@link ModelVariant}): the Keras article's upsampling G ({@link UpsampleLayers}); a sigmoid
 * output; dropout after the first block; BatchNorm on other hidden layers (a layer whose BatchNorm is
 * switched off gets a bias instead); z widened by the one-hot class of a conditional model.
 */
public final class Generator extends Network {
    public Generator(ModelConfig config) {
        this(config, ConvRoutes.standard());
    }

    /** With its convolutions computed by {@code routes}: for testing the kernels. */
    public Generator(ModelConfig config, ConvRoutes routes) {
        super("Generator", config, routes);
    }

    @Override
    int inputSide(ModelConfig config) {
        return 1;
    }

    /**
     * Gives these weights BatchNorm statistics of their own, measured over {@code batches} batches of
     * {@code batchSize} z from {@code rng} (classes cycling 0, 1, 2, … for a conditional G). Weights G
     * never trained with, such as an average of its weights, would otherwise sample with the running
     * statistics of other weights (what torch.optim.swa_utils.update_bn is for). Leaves G in
     * evaluation mode; draws nothing from libtorch's default random generator.
     */
    public void recomputeBatchNormStatistics(int batches, int batchSize, org.bytedeco.pytorch.Generator rng) {
        int classes = config().variant().classes();
        int[] labels = classes == 0 ? null : new int[batchSize];
        for (int i = 0; labels != null && i < batchSize; i++) {
            labels[i] = i % classes;
        }
        recomputeBatchNormStatistics(() -> {
            for (int b = 0; b < batches; b++) {
                try (var scope = new PointerScope()) {
                    forward(
                            LatentNoise.sample(batchSize, config(), rng),
                            labels == null ? null : Tensors.indices(labels));
                }
            }
        });
    }

    @Override
    void build(LayerStack g, ModelConfig c) {
        if (c.variant().generator() == GeneratorKind.UPSAMPLE) {
            UpsampleLayers.build(g, c);
            return;
        }
        ModelVariant v = c.variant();
        List<Integer> sides = c.sides(); // 4, 8, 16, 32, 64 for 64×64
        long width = (long) c.ngf() << (sides.size() - 2); // ngf*8 for 64×64
        boolean bn = v.generatorBatchNorm().at(1, true);
        g.convTranspose(c.nz() + v.classes(), width, 4, 1, 0, !bn); // (N, width, 4, 4)
        g.batchNorm(bn, width);
        g.relu();
        g.dropout(v.generatorDropout());
        for (int i = 1; i < sides.size() - 1; i++) { // each block grows the side, halves the width
            bn = v.generatorBatchNorm().at(i + 1, true);
            g.convTranspose(width, width / 2, ModelConfig.kernelBetween(sides.get(i - 1), sides.get(i)), 2, 1, !bn);
            width /= 2;
            g.batchNorm(bn, width);
            g.relu();
        }
        int last = sides.size() - 1;
        g.convTranspose(
                width, c.channels(), ModelConfig.kernelBetween(sides.get(last - 1), sides.get(last)), 2, 1, false);
        g.output(v.output()); // (N, nc, size, size)
    }
}
