package dcgan4j.eval;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Fréchet distance between Gaussians fitted to two feature sets (Heusel et al. 2017):
 * {@code |μ1 − μ2|² + tr(Σ1) + tr(Σ2) − 2 tr((Σ1^½ Σ2 Σ1^½)^½)}.
 *
 * <p>The matrix square root is what makes FID implementations disagree: an iteration (Newton–Schulz)
 * or {@code scipy.linalg.sqrtm} of the non-symmetric product Σ1Σ2 can return complex parts or stop
 * early. Here both roots come from libtorch's symmetric eigendecomposition in double precision:
 * Σ1^½ = V diag(√λ) Vᵀ, then the trace term is the sum of √ of the eigenvalues of the symmetric
 * Σ1^½ Σ2 Σ1^½ (the same eigenvalues as Σ1Σ2), negative round-off clamped to 0.
 */
final class Fid {
    private Fid() {}

    /** FID between two feature sets (N1, D) and (N2, D); each needs at least 2 rows. */
    static double between(Tensor a, Tensor b) {
        if (a.dim() != 2 || b.dim() != 2 || a.size(1) != b.size(1) || a.size(0) < 2 || b.size(0) < 2) {
            throw new IllegalArgumentException("FID needs two (N, D) feature sets with the same D and N >= 2");
        }
        try (var scope = new PointerScope()) {
            Tensor x = a.to(ScalarType.Double);
            Tensor y = b.to(ScalarType.Double);
            Tensor mu1 = x.mean(0); // (D)
            Tensor mu2 = y.mean(0);
            Tensor s1 = x.t().cov(); // (D, D), unbiased as numpy.cov
            Tensor s2 = y.t().cov();
            double meanTerm = mu1.sub(mu2).square().sum().item_double();
            Tensor sqrtS1 = symmetricSqrt(s1);
            Tensor product = sqrtS1.mm(s2).mm(sqrtS1);
            product = product.add(product.t()).div(new Scalar(2.0)); // symmetric up to round-off: make it exact
            double traceSqrt = torch.linalg_eigvalsh(product)
                    .clamp_min(new Scalar(0.0))
                    .sqrt()
                    .sum()
                    .item_double();
            return meanTerm + s1.trace().item_double() + s2.trace().item_double() - 2 * traceSqrt;
        }
    }

    /** V diag(√max(λ, 0)) Vᵀ of a symmetric positive semi-definite matrix. */
    static Tensor symmetricSqrt(Tensor symmetric) {
        T_TensorTensor_T eig = torch.linalg_eigh(symmetric);
        Tensor roots = eig.get0().clamp_min(new Scalar(0.0)).sqrt(); // (D)
        Tensor vectors = eig.get1(); // (D, D), columns
        return vectors.mul(roots.unsqueeze(0)).mm(vectors.t());
    }
}
