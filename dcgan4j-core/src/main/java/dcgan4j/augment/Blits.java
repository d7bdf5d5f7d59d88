package dcgan4j.augment;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * ADA's pixel blitting — x-flip, quarter turns, integer translation — as one gather. augment.py composes
 * its geometric transforms into one matrix and resamples once; here the three compose into one source
 * pixel per output pixel, so a batch is read once, and G's gradient scattered back once, instead of a
 * flip, three turns, two gathers and a mask per transform. Every value is what the three applied one after
 * another give (a blit only moves pixels), from the same draws in the same order.
 */
final class Blits {
    private Blits() {}

    /**
     * The square batch (N, C, S, S) with each blit applied to an image with probability {@code p}. As
     * augment.py draws them, a chosen image is mirrored with odds 1/2 and turned by 0–3 quarters, so the
     * unchanged image stays the likeliest outcome and D cannot teach G to mirror or turn; a chosen image
     * is moved by up to 1/8 of the side (DiffAugment's translation), the uncovered border zero.
     */
    static Tensor apply(Tensor x, double p, Draws d) {
        long n = x.size(0), c = x.size(1), s = x.size(2);
        if (x.size(3) != s) {
            throw new IllegalArgumentException("quarter turns need square images, got " + s + "x" + x.size(3));
        }
        Tensor flip = d.chance(x, p).logical_and(d.chance(x, 0.5)).view(n, 1); // (N, 1) each
        Tensor turns = d.chance(x, p).view(n, 1);
        turns = d.integers(x, 0, 3).view(n, 1).mul(turns); // counter-clockwise, as torch.rot90
        Tensor moved = d.chance(x, p).view(n, 1);
        long most = Transform.fraction(s, 0.125);
        Tensor dy = d.integers(x, -most, most).view(n, 1).mul(moved);
        Tensor dx = d.integers(x, -most, most).view(n, 1).mul(moved);

        // Output pixel (y, x) reads the turned image at (u, v) = (y - dy, x - dx); a turn by k reads the
        // mirrored image at row u (k even) or v (k odd), bottom up for k = 2, 3, and at column v (even) or
        // u (odd), right to left for k = 1, 2 — and the mirror reverses the column once more.
        Tensor at = ImageOps.positions(s, x).view(1, s);
        Tensor u = at.sub(dy), v = at.sub(dx); // (N, S)
        Tensor odd = turns.remainder(new Scalar(2)).eq(new Scalar(1));
        Tensor bottomUp = turns.ge(new Scalar(2));
        Tensor rightToLeft =
                turns.eq(new Scalar(1)).logical_or(turns.eq(new Scalar(2))).logical_xor(flip);
        Tensor alongY = torch.where(
                odd, reversedIf(rightToLeft, u, s), reversedIf(bottomUp, u, s).mul(new Scalar(s)));
        Tensor alongX = torch.where(odd, reversedIf(bottomUp, v, s).mul(new Scalar(s)), reversedIf(rightToLeft, v, s));
        Tensor inside = inRange(u, s).view(n, s, 1).logical_and(inRange(v, s).view(n, 1, s));
        Tensor source = alongY.view(n, s, 1)
                .add(alongX.view(n, 1, s))
                .masked_fill(inside.logical_not(), new Scalar(s * s)); // (N, S, S), S² = the zero behind the image
        Tensor flat = torch.constant_pad_nd(x.reshape(n, c, s * s), 0, 1); // (N, C, S² + 1)
        return flat.gather(2, source.view(n, 1, s * s).expand(n, c, s * s)).view(n, c, s, s);
    }

    /** s - 1 - t where {@code reverse} (N, 1), else t; t (N, S). */
    private static Tensor reversedIf(Tensor reverse, Tensor t, long s) {
        return torch.where(reverse, t.neg().add(new Scalar(s - 1)), t);
    }

    private static Tensor inRange(Tensor t, long s) {
        return t.ge(new Scalar(0)).logical_and(t.lt(new Scalar(s)));
    }
}
