package dcgan4j.eval;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Improved precision and recall (Kynkäänniemi et al. 2019). Each set's manifold is the union of
 * balls around its samples, each ball reaching the sample's k-th nearest neighbour in the same set.
 * Precision: the share of generated samples inside the real manifold (are the fakes realistic?);
 * recall: the share of real samples inside the generated manifold (is the data's variety covered?).
 *
 * @param precision in [0, 1]
 * @param recall    in [0, 1]
 */
record PrecisionRecall(double precision, double recall) {
    /** The paper's neighbourhood size. */
    static final int K = 3;
    /** Rows of a distance matrix computed at once, which bounds memory at about 40 MB per 10,000 columns. */
    private static final int CHUNK = 1000;

    /** Precision and recall of {@code fake} (N2, D) against {@code real} (N1, D), each with more than k rows. */
    static PrecisionRecall of(Tensor real, Tensor fake, int k) {
        if (real.size(0) <= k || fake.size(0) <= k) {
            throw new IllegalArgumentException("precision and recall need more than k = " + k + " samples per set");
        }
        try (var scope = new PointerScope()) {
            Tensor realRadii = radii(real, k);
            Tensor fakeRadii = radii(fake, k);
            return new PrecisionRecall(coverage(real, realRadii, fake), coverage(fake, fakeRadii, real));
        }
    }

    /** Distance of every row to its k-th nearest other row (the row itself is at distance 0: k + 1). */
    private static Tensor radii(Tensor features, int k) {
        Tensor[] parts = new Tensor[chunks(features)];
        for (int c = 0; c < parts.length; c++) {
            Tensor rows = rows(features, c);
            parts[c] = torch.cdist(rows, features).kthvalue(k + 1, 1, false).get0();
        }
        return torch.cat(new org.bytedeco.pytorch.TensorVector(parts));
    }

    /** The share of {@code queries} within the radius of at least one point of the manifold. */
    private static double coverage(Tensor manifold, Tensor radii, Tensor queries) {
        long inside = 0;
        for (int c = 0; c < chunks(queries); c++) {
            Tensor distances = torch.cdist(rows(queries, c), manifold); // (chunk, N manifold)
            inside += distances.le(radii.unsqueeze(0)).any(1).sum().item_long();
        }
        return inside / (double) queries.size(0);
    }

    private static int chunks(Tensor features) {
        return (int) ((features.size(0) + CHUNK - 1) / CHUNK);
    }

    private static Tensor rows(Tensor features, int chunk) {
        long from = (long) chunk * CHUNK;
        return features.narrow(0, from, Math.min(CHUNK, features.size(0) - from))
                .to(ScalarType.Float);
    }
}
