package dcgan4j.sample;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Tensors;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Turns a trained generator into images: BatchNorm in evaluation mode (running statistics, so a
 * sample does not depend on the rest of its batch) and no autograd bookkeeping. Images always come out
 * in [-1, 1], whatever G's output activation; a conditional generator's classes cycle 0, 1, 2, … over
 * the images unless they are given.
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
        return generate(generator, LatentNoise.forSeeds(firstSeed, count, generator.config()));
    }

    /** Images for the given latent vectors (N, nz, 1, 1). */
    public static Tensor generate(Generator generator, Tensor z) {
        return generate(generator, z, cyclingLabels(z.size(0), generator.config()));
    }

    /** Images for the given latent vectors and, for a conditional generator, classes (N, int64). */
    public static Tensor generate(Generator generator, Tensor z, Tensor labels) {
        boolean wasTraining = generator.isTraining();
        generator.train(false);
        try (var noGrad = new NoGradGuard()) {
            return generator.config().variant().output().toImages(generator.forward(z, labels));
        } finally {
            generator.train(wasTraining);
        }
    }

    /** Classes 0, 1, 2, …, 0, 1, … for {@code count} images of a conditional model; null for another. */
    public static Tensor cyclingLabels(long count, ModelConfig model) {
        return cyclingLabels(0, count, model);
    }

    /**
     * The classes of images {@code first} to {@code first + count - 1} in a sequence whose classes
     * cycle from 0, so that a sequence made in batches gets the same classes as one made at once.
     */
    public static Tensor cyclingLabels(long first, long count, ModelConfig model) {
        int classes = model.variant().classes();
        if (classes == 0) {
            return null;
        }
        int[] labels = new int[Math.toIntExact(count)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (int) ((first + i) % classes);
        }
        return Tensors.indices(labels);
    }
}
