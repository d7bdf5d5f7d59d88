package dcgan4j.model;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Draws latent vectors z shaped (N, nz, 1, 1) from the model's {@link NoiseDistribution} (N(0, 1) unless
 * the model says otherwise) with explicit random generators, never libtorch's global one, so that what a
 * seed names does not depend on what else was drawn.
 */
public final class LatentNoise {
    private LatentNoise() {}

    /** A new CPU random generator started from {@code seed}. */
    public static Generator generator(long seed) {
        return torch.createCPUGenerator(seed);
    }

    /** {@code count} vectors for {@code model} drawn in one go from {@code rng} (training noise, the fixed noise). */
    public static Tensor sample(long count, ModelConfig model, Generator rng) {
        return model.variant().noise().draw(new long[] {count, model.nz(), 1, 1}, rng);
    }

    /**
     * One vector per seed, {@code firstSeed}, {@code firstSeed + 1}, …: the z of a seed is the same
     * whatever the count, as in StyleGAN's {@code --seeds}. (A single draw of {@code count} vectors would
     * not do: libtorch's vectorised normal sampler makes the leading values depend on the total size.)
     */
    public static Tensor forSeeds(long firstSeed, int count, ModelConfig model) {
        TensorVector vectors = new TensorVector();
        for (int i = 0; i < count; i++) {
            try (Generator rng = generator(firstSeed + i)) {
                vectors.push_back(sample(1, model, rng));
            }
        }
        return torch.cat(vectors);
    }
}
