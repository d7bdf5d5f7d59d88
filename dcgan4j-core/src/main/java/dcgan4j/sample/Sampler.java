package dcgan4j.sample;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Turns a trained generator into images: BatchNorm in evaluation mode (running statistics, so a
 * sample does not depend on the rest of its batch) and no autograd bookkeeping.
 */
public final class Sampler {
    private Sampler() {}

    /**
     * {@code count} images (count, nc, H, W) in [-1, 1], image {@code i} from seed {@code firstSeed + i}
     * ({@link LatentNoise#forSeeds}).
     */
    public static Tensor generate(Generator generator, int count, long firstSeed) {
        if (count <= 0) {
            throw new IllegalArgumentException("sample count must be positive, got " + count);
        }
        return generate(generator, LatentNoise.forSeeds(firstSeed, count, generator.config().nz()));
    }

    /** Images for the given latent vectors (N, nz, 1, 1). */
    public static Tensor generate(Generator generator, Tensor z) {
        boolean wasTraining = generator.isTraining();
        generator.train(false);
        try (var noGrad = new NoGradGuard()) {
            return generator.forward(z);
        } finally {
            generator.train(wasTraining);
        }
    }
}
