package dcgan4j.sample;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Paths through latent space (DCGAN paper §6.1: smooth transitions show the generator has not
 * memorised). Spherical interpolation keeps the vectors at the norm Gaussian samples have, where
 * straight lines pass through the low-norm middle that the generator rarely saw (White 2016).
 */
public final class LatentWalk {
    /** How to go from one point to the next. */
    public enum Mode {
        /** Straight line: {@code torch.lerp}. */
        LINEAR,
        /** Great circle (slerp); falls back to a line where the points are (anti)parallel. */
        SPHERICAL
    }

    private LatentWalk() {}

    /**
     * The frames of a walk through {@code points} (P, nz, 1, 1), P ≥ 2: {@code steps} frames from
     * each point towards the next (the first being the point itself), then the last point —
     * (P − 1) · steps + 1 vectors in all, shaped (frames, nz, 1, 1).
     */
    public static Tensor through(Tensor points, int steps, Mode mode) {
        long frames = frameCount(points, steps);
        TensorVector all = new TensorVector();
        for (long k = 0; k < frames; k++) {
            all.push_back(frame(points, steps, mode, k));
        }
        return torch.cat(all);
    }

    /**
     * Frame {@code k} of {@link #through} alone, (1, nz, 1, 1), without computing the others: what a
     * slider over a walk shows.
     */
    public static Tensor frame(Tensor points, int steps, Mode mode, long k) {
        long frames = frameCount(points, steps);
        if (k < 0 || k >= frames) {
            throw new IllegalArgumentException("frame " + k + " is not on a walk of " + frames + " frames");
        }
        if (k == frames - 1) {
            return points.narrow(0, points.size(0) - 1, 1);
        }
        Tensor a = points.narrow(0, k / steps, 1);
        Tensor b = points.narrow(0, k / steps + 1, 1);
        double t = (double) (k % steps) / steps;
        return mode == Mode.LINEAR ? torch.lerp(a, b, new Scalar(t)) : slerp(a, b, t);
    }

    private static long frameCount(Tensor points, int steps) {
        long p = points.size(0);
        if (p < 2) {
            throw new IllegalArgumentException("a walk needs at least 2 points, got " + p);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps per segment must be at least 1, got " + steps);
        }
        return (p - 1) * steps + 1;
    }

    /** sin((1−t)ω)/sin ω · a + sin(tω)/sin ω · b, ω the angle between a and b; exactly a at t = 0. */
    static Tensor slerp(Tensor a, Tensor b, double t) {
        double cos = a.flatten().dot(b.flatten()).item_double()
                / (a.norm().item_double() * b.norm().item_double());
        double omega = Math.acos(Math.max(-1, Math.min(1, cos)));
        double sin = Math.sin(omega);
        if (sin < 1e-6) {
            return torch.lerp(a, b, new Scalar(t));
        }
        return a.mul(new Scalar(Math.sin((1 - t) * omega) / sin)).add(b.mul(new Scalar(Math.sin(t * omega) / sin)));
    }
}
