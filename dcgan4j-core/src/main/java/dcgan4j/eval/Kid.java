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
public final class Kid {
    public static final int SUBSETS = 100;
    public static final int SUBSET_SIZE = 1000;

    private Kid() {}

    /** KID with clean-fid's subsets; the subsets are drawn from {@code seed}. */
    public static double between(Tensor real, Tensor fake, long seed) {
        return between(real, fake, SUBSETS, SUBSET_SIZE, seed);
    }

    public static double between(Tensor real, Tensor fake, int subsets, int subsetSize, long seed) {
        if (real.dim() != 2 || fake.dim() != 2 || real.size(1) != fake.size(1)) {
            throw new IllegalArgumentException("KID needs two (N, D) feature sets with the same D");
        }
        long m = Math.min(Math.min(real.size(0), fake.size(0)), subsetSize);
        if (m < 2 || subsets < 1) {
            throw new IllegalArgumentException("KID needs at least 2 samples per set and 1 subset");
        }
        double d = real.size(1);
        double total = 0;
        try (var rng = LatentNoise.generator(seed)) {
            for (int s = 0; s < subsets; s++) {
                try (var scope = new PointerScope()) {
                    Tensor x = subset(fake, m, rng).to(ScalarType.Double);
                    Tensor y = subset(real, m, rng).to(ScalarType.Double);
                    Tensor a = kernel(x, x, d).add(kernel(y, y, d));
                    Tensor b = kernel(x, y, d);
                    double offDiagonal = a.sum().item_double() - a.diagonal().sum().item_double();
                    total += offDiagonal / (m - 1) - b.sum().item_double() * 2 / m;
                }
            }
        }
        return total / subsets / m;
    }

    private static Tensor subset(Tensor features, long m, org.bytedeco.pytorch.Generator rng) {
        Tensor order = torch.randperm(features.size(0), new GeneratorOptional(rng));
        return features.index_select(0, order.narrow(0, 0, m));
    }

    /** (x·yᵀ / d + 1)³ for all pairs of rows. */
    private static Tensor kernel(Tensor x, Tensor y, double d) {
        return x.mm(y.t()).div(new Scalar(d)).add(new Scalar(1.0)).pow(new Scalar(3.0));
    }
}
