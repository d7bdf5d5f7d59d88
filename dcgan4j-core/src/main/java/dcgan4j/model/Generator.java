package dcgan4j.model;

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
 * Other sizes add or drop a middle block; 28×28 starts from a 7×7 map:
 * {@code ConvT(nz, ngf*2, 7, 1, 0)} (N, ngf*2, 7, 7) → (N, ngf, 14, 14) → (N, nc, 28, 28).
 */
public final class Generator extends Network {
    public Generator(ModelConfig config) {
        super("Generator", config);
    }

    @Override
    void build(LayerStack g, ModelConfig c) {
        int blocks = c.doublings();                       // 4 for 64×64: 4 → 8 → 16 → 32 → 64
        long width = (long) c.ngf() << (blocks - 1);       // ngf*8 for 64×64
        g.convTranspose(c.nz(), width, c.baseSize(), 1, 0); // (N, width, base, base)
        g.batchNorm(width);
        g.relu();
        for (int i = 1; i < blocks; i++) {                  // each block doubles the side, halves the width
            g.convTranspose(width, width / 2, 4, 2, 1);
            width /= 2;
            g.batchNorm(width);
            g.relu();
        }
        g.convTranspose(width, c.channels(), 4, 2, 1);    // (N, nc, size, size)
        g.tanh();
    }
}
