package dcgan4j.augment;

/**
 * ADA's controller of p: D's overfitting is measured as r_t = E[sign(D(x_real))], the share of real
 * images D is sure of minus the share it is wrong about, over {@code interval} steps; p rises while
 * r_t is above the target and falls while below, by the images seen over {@code speed}, in [0, 1].
 * It is fed sums already added over all ranks, so every rank holds the same p.
 */
final class AdaptiveProbability {
    private final double target;
    private final int interval;
    private final double speed;
    /** Augmentation probability; starts at 0, as ADA's. */
    double p;
    /** The latest interval's r_t; 0 before the first update. */
    double rt;
    /** The current interval's sums: signs of D's real logits, images, steps. */
    double signs;

    double images;
    int steps;

    AdaptiveProbability(Augmentation settings) {
        this.target = settings.adaTarget();
        this.interval = settings.adaInterval();
        this.speed = settings.adaSpeed();
    }

    /** One step's sum of sign(D(x)) over {@code count} real images (all ranks); moves p at an interval's end. */
    void add(double signSum, double count) {
        signs += signSum;
        images += count;
        if (++steps < interval) {
            return;
        }
        rt = signs / images;
        p = Math.min(1, Math.max(0, p + Math.signum(rt - target) * images / speed));
        signs = 0;
        images = 0;
        steps = 0;
    }

    /** {p, r_t, signs, images, steps}: everything the next updates depend on, for a checkpoint. */
    double[] state() {
        return new double[] {p, rt, signs, images, steps};
    }

    void restore(double[] s) {
        p = s[0];
        rt = s[1];
        signs = s[2];
        images = s[3];
        steps = (int) s[4];
    }
}
