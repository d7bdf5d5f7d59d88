package dcgan4j.eval;

import dcgan4j.model.LatentNoise;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Kernel Inception Distance (Bińkowski et al. 2018) as clean-fid computes it: the unbiased estimate
 * of the squared MMD with the cubic polynomial kernel {@code k(x, y) = (x·y / d + 1)³}, averaged over
 * {@code subsets} random subsets of {@code min(N1, N2, subsetSize)} rows of each set (100 of at most
 * 1,000 by default). Unlike FID it has no bias from the sample count, so small runs compare fairly.
 */
final class Kid {
    static final int SUBSETS = 100;
    static final int SUBSET_SIZE = 1000;
    /** Kernel matrix entries computed at once (subsets are batched up to this: 32 MB of doubles). */
    private static final long GROUP_ELEMENTS = 4_000_000;

    private Kid() {}

    /** KID with clean-fid's subsets; the subsets are drawn from {@code seed}. */
    static double between(Tensor real, Tensor fake, long seed) {
        return between(real, fake, SUBSETS, SUBSET_SIZE, seed);
    }

    static double between(Tensor real, Tensor fake, int subsets, int subsetSize, long seed) {
        if (real.dim() != 2 || fake.dim() != 2 || real.size(1) != fake.size(1)) {
            throw new IllegalArgumentException("KID needs two (N, D) feature sets with the same D");
        }
        long m = Math.min(Math.min(real.size(0), fake.size(0)), subsetSize);
        if (m < 2 || subsets < 1) {
            throw new IllegalArgumentException("KID needs at least 2 samples per set and 1 subset");
        }
        double d = real.size(1);
        int group = (int) Math.max(1, Math.min(subsets, GROUP_ELEMENTS / (m * m)));
        double total = 0;
        try (var rng = LatentNoise.generator(seed)) {
            for (int done = 0; done < subsets; done += group) {
                int g = Math.min(group, subsets - done);
                try (var scope = new PointerScope()) {
                    Tensor x = subsets(fake, g, m, rng); // (g, m, D)
                    Tensor y = subsets(real, g, m, rng);
                    Tensor a = kernel(x, x, d).add(kernel(y, y, d)); // (g, m, m)
                    Tensor b = kernel(x, y, d);
                    double offDiagonal =
                            a.sum().item_double() - a.diagonal(0, 1, 2).sum().item_double();
                    total += offDiagonal / (m - 1) - b.sum().item_double() * 2 / m; // summed over the g subsets
                }
            }
        }
        return total / subsets / m;
    }

    /** {@code g} random subsets of {@code m} distinct rows each, as doubles (g, m, D). */
    private static Tensor subsets(Tensor features, int g, long m, org.bytedeco.pytorch.Generator rng) {
        long n = features.size(0);
        Tensor orders =
                torch.rand(new long[] {g, n}, new GeneratorOptional(rng)).argsort(1, false); // g permutations
        Tensor rows = orders.narrow(1, 0, m).reshape(-1);
        return features.index_select(0, rows).to(ScalarType.Double).view(g, m, features.size(1));
    }

    /** (x·yᵀ / d + 1)³ for all pairs of rows, subset by subset. */
    private static Tensor kernel(Tensor x, Tensor y, double d) {
        return x.bmm(y.transpose(1, 2)).div(new Scalar(d)).add(new Scalar(1.0)).pow(new Scalar(3.0));
    }
}
