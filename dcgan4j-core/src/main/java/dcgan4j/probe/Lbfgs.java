package dcgan4j.probe;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Minimizes a smooth convex function of one flat tensor: L-BFGS with the two-loop recursion and an
 * Armijo backtracking line search (Nocedal and Wright, Algorithms 7.4 and 7.5; 3.1). libtorch's own
 * LBFGS needs a Java closure called back from native code; this is the same method in a screen of
 * tensor arithmetic, on whatever device and dtype the tensor has. The history and the iterate live
 * in tensors made once; every iteration's temporaries are freed with it.
 */
final class Lbfgs {
    /** A function and its gradient. */
    interface Objective {
        /** The value at {@code x}, its gradient written into {@code gradient} (same shape). */
        double evaluate(Tensor x, Tensor gradient);
    }

    private static final int HISTORY = 10;
    private static final double ARMIJO = 1e-4;
    private static final int HALVINGS = 20;

    private final int maxIterations;
    private final double gradientTolerance;
    private final double valueTolerance;

    /**
     * @param gradientTolerance stop when the gradient's largest entry is this share of the first one's
     * @param valueTolerance    stop when an iteration lowers the value by less than this share of it
     */
    Lbfgs(int maxIterations, double gradientTolerance, double valueTolerance) {
        this.maxIterations = maxIterations;
        this.gradientTolerance = gradientTolerance;
        this.valueTolerance = valueTolerance;
    }

    /** Moves {@code x} (1-D, changed in place) to the minimum; returns the iterations taken. */
    int minimize(Objective f, Tensor x) {
        long p = x.size(0);
        Tensor g = x.clone();
        Tensor s = x.new_zeros(HISTORY, p);
        Tensor y = x.new_zeros(HISTORY, p);
        double[] rho = new double[HISTORY];
        int stored = 0;
        double value = f.evaluate(x, g);
        double firstGradient = Math.max(maxAbs(g), 1e-300);
        Tensor xNew = x.clone();
        Tensor gNew = g.clone();
        int iteration = 0;
        while (iteration < maxIterations && maxAbs(g) > gradientTolerance * firstGradient) {
            iteration++;
            try (var scope = new PointerScope()) {
                Tensor d = direction(g, s, y, rho, stored);
                double slope = g.dot(d).item_double();
                if (slope >= 0) { // not a descent direction: forget the curvature seen so far
                    stored = 0;
                    d = g.neg().div(new Scalar(Math.max(1.0, norm(g))));
                    slope = g.dot(d).item_double();
                }
                double step = 1;
                double next = Double.NaN;
                for (int halving = 0; halving <= HALVINGS; halving++, step /= 2) {
                    xNew.copy_(x.add(d, new Scalar(step)));
                    next = f.evaluate(xNew, gNew);
                    if (next <= value + ARMIJO * step * slope) {
                        break;
                    }
                }
                if (!(next <= value + ARMIJO * step * slope)) {
                    break; // no decrease left to find at this precision
                }
                Tensor sk = xNew.sub(x);
                Tensor yk = gNew.sub(g);
                double sy = sk.dot(yk).item_double();
                if (sy > 1e-12 * yk.dot(yk).item_double()) {
                    push(s, y, rho, stored, sk, yk, sy);
                    stored = Math.min(stored + 1, HISTORY);
                }
                x.copy_(xNew);
                g.copy_(gNew);
                double decrease = value - next;
                value = next;
                if (decrease <= valueTolerance * Math.max(1.0, Math.abs(value))) {
                    break;
                }
            }
        }
        return iteration;
    }

    /** −H·g by the two-loop recursion over the {@code stored} newest pairs (row 0 the newest). */
    private static Tensor direction(Tensor g, Tensor s, Tensor y, double[] rho, int stored) {
        if (stored == 0) {
            return g.neg().div(new Scalar(Math.max(1.0, norm(g))));
        }
        Tensor q = g.clone();
        double[] alpha = new double[stored];
        for (int i = 0; i < stored; i++) {
            alpha[i] = rho[i] * s.get(i).dot(q).item_double();
            q.sub_(y.get(i), new Scalar(alpha[i]));
        }
        Tensor newestY = y.get(0);
        double gamma = 1 / (rho[0] * newestY.dot(newestY).item_double());
        Tensor r = q.mul(new Scalar(gamma));
        for (int i = stored - 1; i >= 0; i--) {
            double beta = rho[i] * y.get(i).dot(r).item_double();
            r.add_(s.get(i), new Scalar(alpha[i] - beta));
        }
        return r.neg();
    }

    /** Shifts the history down one row and puts the newest pair in row 0. */
    private static void push(Tensor s, Tensor y, double[] rho, int stored, Tensor sk, Tensor yk, double sy) {
        int keep = Math.min(stored, HISTORY - 1);
        if (keep > 0) {
            s.narrow(0, 1, keep).copy_(s.narrow(0, 0, keep).clone());
            y.narrow(0, 1, keep).copy_(y.narrow(0, 0, keep).clone());
            System.arraycopy(rho, 0, rho, 1, keep);
        }
        s.get(0).copy_(sk);
        y.get(0).copy_(yk);
        rho[0] = 1 / sy;
    }

    private static double maxAbs(Tensor t) {
        try (var scope = new PointerScope()) {
            return t.abs().amax().item_double();
        }
    }

    private static double norm(Tensor t) {
        return Math.sqrt(t.dot(t).item_double());
    }
}
