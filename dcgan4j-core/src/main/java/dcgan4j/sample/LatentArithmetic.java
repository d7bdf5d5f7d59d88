package dcgan4j.sample;

import dcgan4j.model.LatentNoise;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The DCGAN paper's vector arithmetic (§6.3): single samples are unstable, so each concept is the
 * mean of a few z vectors ("smiling woman" − "neutral woman" + "neutral man"), and the result is
 * shown with a few neighbours, z + small noise, to show it is a region and not a lucky point.
 */
public final class LatentArithmetic {
    private LatentArithmetic() {}

    /** mean(A) − mean(B) + mean(C) for groups (k, nz, 1, 1); (1, nz, 1, 1). Equals mean(C) when A = B. */
    public static Tensor combine(Tensor a, Tensor b, Tensor c) {
        return mean(a).sub(mean(b)).add(mean(c));
    }

    /** The average vector of a group (k, nz, 1, 1), shaped (1, nz, 1, 1). */
    public static Tensor mean(Tensor group) {
        if (group.size(0) < 1) {
            throw new IllegalArgumentException("a group needs at least one vector");
        }
        return group.mean(new long[] {0}, true, new ScalarTypeOptional());
    }

    /**
     * {@code count} vectors around {@code center}: center + sigma · ε, ε ~ N(0, 1) from {@code seed}
     * (the paper used a scale of 0.25).
     */
    public static Tensor around(Tensor center, int count, double sigma, long seed) {
        try (Generator rng = LatentNoise.generator(seed)) {
            Tensor noise = torch.randn(new long[] {count, center.size(1), 1, 1}, new GeneratorOptional(rng));
            return noise.mul(new Scalar(sigma)).add(center);
        }
    }
}
