package dcgan4j.probe;

import dcgan4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The paper's classifier on D's features: a linear L2-SVM with the squared hinge loss, one class
 * against the rest (what scikit-learn's {@code LinearSVC}, the reference code's classifier, fits),
 * trained in libtorch. For classes k and images i with scores s = W·x + b and y = ±1,
 *
 * <pre>
 * minimise  (1/n) Σ_i Σ_k max(0, 1 − y_ik·s_ik)²  +  (λ/2)·‖W‖²
 * </pre>
 *
 * the bias unpenalised; λ = 1/(C·n) in {@code LinearSVC}'s terms. The objective is convex with a
 * Lipschitz gradient, so L-BFGS finds its minimum; the gradient is written out, not taken by autograd.
 * With fewer images than features (K = 100 per class against 7,168 features) it is solved in the
 * images' span, an exact reduction that makes it several times cheaper.
 * Features are standardised with the mean and spread of the images it is fitted on — a feature that
 * hardly varies there keeps a spread of at least 1% of the mean spread, so that it cannot be blown up
 * on other images — and a prediction is the class with the highest score.
 */
public final class LinearSvm {
    private static final Lbfgs SOLVER = new Lbfgs(300, 1e-4, 1e-6);
    private static final double LEAST_SPREAD = 0.01;

    private final Tensor mean;
    private final Tensor spread;
    /** (F + 1)·K: the weights (F, K) row-major, then the K biases. */
    private final Tensor parameters;
    /** The same in the space the problem was solved in, to start the next fit of a λ path from. */
    private final Tensor solved;

    private final int classes;
    private final int iterations;

    private LinearSvm(Tensor mean, Tensor spread, Tensor parameters, Tensor solved, int classes, int iterations) {
        this.mean = mean;
        this.spread = spread;
        this.parameters = parameters;
        this.solved = solved;
        this.classes = classes;
        this.iterations = iterations;
    }

    /**
     * Fits to {@code features} (N, F), float32 or float64 on any device, and their classes.
     *
     * @param lambda the weight penalty λ (> 0)
     */
    public static LinearSvm fit(Tensor features, int[] labels, int classes, double lambda) {
        return new Problem(features, labels, classes).fit(lambda, null);
    }

    /**
     * Labelled images standardised and reduced once, to be fitted with several penalties. With fewer
     * images than features the best W lies in the images' span (any other part of W adds to the penalty
     * and nothing to the scores), so with x = Rᵀ·Qᵀ (QR of xᵀ) and W = Q·Z the same problem is solved in
     * n dimensions, ‖Z‖ being ‖W‖.
     */
    static final class Problem {
        private final Tensor mean;
        private final Tensor spread;
        private final Tensor basis;
        private final Tensor reduced;
        private final Tensor signs;
        private final int classes;

        Problem(Tensor features, int[] labels, int classes) {
            if (features.size(0) != labels.length || labels.length == 0) {
                throw new IllegalArgumentException(
                        "need one label per feature row, got " + labels.length + " for " + features.size(0));
            }
            this.classes = classes;
            mean = features.mean(new long[] {0}, true, new ScalarTypeOptional());
            Tensor sd = features.std(new long[] {0}, false, true);
            spread = sd.clamp_min(
                    new Scalar(Math.max(1e-12, LEAST_SPREAD * sd.mean().item_double())));
            Tensor x = features.sub(mean).div(spread);
            if (labels.length < features.size(1)) {
                try (T_TensorTensor_T qr = torch.linalg_qr(x.t())) { // get0/get1 point into the pair: own handles
                    basis = new Tensor(qr.get0());
                    reduced = new Tensor(qr.get1()).t();
                }
            } else {
                basis = null;
                reduced = x;
            }
            signs = torch.one_hot(Tensors.indices(labels).to(features.device(), ScalarType.Long), classes)
                    .to(features.scalar_type())
                    .mul(new Scalar(2.0))
                    .sub(new Scalar(1.0));
        }

        /** The SVM with penalty λ (> 0), L-BFGS starting from {@code start}'s solution (a λ path) if given. */
        LinearSvm fit(double lambda, LinearSvm start) {
            if (!(lambda > 0)) {
                throw new IllegalArgumentException("lambda must be positive, got " + lambda);
            }
            long dims = reduced.size(1);
            Tensor theta = start != null ? start.solved.clone() : reduced.new_zeros((dims + 1) * classes);
            int iterations = SOLVER.minimize((at, gradient) -> objective(reduced, signs, lambda, at, gradient), theta);
            Tensor parameters = theta;
            if (basis != null) {
                Tensor z = theta.narrow(0, 0, dims * classes).view(dims, classes);
                parameters =
                        torch.cat(new TensorVector(basis.mm(z).reshape(-1), theta.narrow(0, dims * classes, classes)));
            }
            return new LinearSvm(mean, spread, parameters, theta, classes, iterations);
        }
    }

    /** The objective at θ, its gradient written into {@code gradient}. */
    static double objective(Tensor x, Tensor signs, double lambda, Tensor theta, Tensor gradient) {
        long n = x.size(0);
        long width = x.size(1);
        int classes = (int) signs.size(1);
        try (var scope = new PointerScope()) {
            Tensor w = theta.narrow(0, 0, width * classes).view(width, classes);
            Tensor b = theta.narrow(0, width * classes, classes);
            Tensor scores = x.mm(w).add(b);
            Tensor slack = signs.mul(scores).neg().add(new Scalar(1.0)).clamp_min(new Scalar(0.0));
            double value = slack.square().sum().item_double() / n
                    + lambda / 2 * w.square().sum().item_double();
            Tensor dScores = signs.mul(slack).mul(new Scalar(-2.0 / n));
            gradient.narrow(0, 0, width * classes)
                    .view(width, classes)
                    .copy_(x.t().mm(dScores).add(w, new Scalar(lambda)));
            gradient.narrow(0, width * classes, classes).copy_(dScores.sum(0));
            return value;
        }
    }

    /** One score per class for each row of {@code features} (N, F): (N, K). */
    public Tensor scores(Tensor features) {
        return features.sub(mean).div(spread).mm(weights()).add(biases());
    }

    /** The weights (F, K) in the original feature space, on standardised features. */
    Tensor weights() {
        long width = mean.size(1);
        return parameters.narrow(0, 0, width * classes).view(width, classes);
    }

    Tensor biases() {
        return parameters.narrow(0, mean.size(1) * classes, classes);
    }

    /** The share of rows whose highest score is their class. */
    public double accuracy(Tensor features, int[] labels) {
        try (var scope = new PointerScope()) {
            Tensor predicted = scores(features).argmax(new LongOptional(1), false);
            Tensor truth = Tensors.indices(labels).to(predicted.device(), ScalarType.Long);
            return predicted.eq(truth).sum().item_double() / labels.length;
        }
    }

    /** L-BFGS iterations the fit took. */
    public int iterations() {
        return iterations;
    }
}
