package dcgan4j.train.outputs;

import dcgan4j.train.step.StepMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Watches for the ways a GAN run fails while its losses still look like numbers: the discriminator
 * winning outright (D(x) → 1 and D(G(z)) → 0 for a sustained window, so G's gradients vanish), and
 * the fixed-noise samples collapsing onto a few images (their mean pairwise distance far below the
 * data's). Each raises a warning once when it starts and stays on the progress line while it lasts.
 * (The samples of a barely trained G are all alike too, so {@link Trainer} shows this watch
 * grids only from the end of the first epoch on.)
 */
final class FailureWatch {
    /** Steps over which D's outputs are averaged. */
    static final int WINDOW = 200;

    static final double D_REAL_WINS = 0.98;
    static final double D_FAKE_LOSES = 0.02;
    /** Samples whose spread is below this share of the data's count as collapsed. */
    static final double COLLAPSE_RATIO = 0.2;

    private final double realDiversity;
    private final double[] dReal = new double[WINDOW];
    private final double[] dFake = new double[WINDOW];
    private long seen;
    private String dWins;
    private String collapse;

    /** @param realDiversity mean pairwise distance of as many real images as there are fixed-noise samples */
    FailureWatch(double realDiversity) {
        this.realDiversity = realDiversity;
    }

    /** Mean Euclidean distance between all pairs of images (N, C, H, W). */
    static double diversity(Tensor images) {
        try (var scope = new PointerScope()) {
            return torch.pdist(images.flatten(1, -1)).mean().item_double();
        }
    }

    /** Takes a step's metrics; returns a new warning when D has just started to win outright, else null. */
    String step(StepMetrics m) {
        int slot = (int) (seen++ % WINDOW);
        dReal[slot] = m.dX();
        dFake[slot] = m.dGz1();
        if (seen < WINDOW) {
            return null;
        }
        double real = mean(dReal);
        double fake = mean(dFake);
        boolean wins = real >= D_REAL_WINS && fake <= D_FAKE_LOSES;
        String was = dWins;
        dWins = wins
                ? String.format(
                        Locale.ROOT,
                        "D wins outright: mean D(x) %.3f, D(G(z)) %.3f over %d steps; "
                                + "G learns nothing (try a lower discriminator learning rate, setting 'lrD')",
                        real,
                        fake,
                        WINDOW)
                : null;
        return wins && was == null ? dWins : null;
    }

    /** Takes the diversity of a fixed-noise grid; returns a new warning when the samples have just collapsed. */
    String samples(double diversity) {
        boolean collapsed = diversity < COLLAPSE_RATIO * realDiversity;
        String was = collapse;
        collapse = collapsed
                ? String.format(
                        Locale.ROOT,
                        "samples collapse: mean pairwise distance %.2f against " + "the data's %.2f (mode collapse)",
                        diversity,
                        realDiversity)
                : null;
        return collapsed && was == null ? collapse : null;
    }

    /** The conditions that hold now, for the progress line; empty when all is well. */
    String active() {
        List<String> active = new ArrayList<>(2);
        if (dWins != null) {
            active.add("D wins outright");
        }
        if (collapse != null) {
            active.add("samples collapse");
        }
        return String.join(", ", active);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
