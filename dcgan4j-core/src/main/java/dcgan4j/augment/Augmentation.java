package dcgan4j.augment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which augmentation D's inputs get, with its parameters; validated here, whoever builds it.
 *
 * @param augment     {@link Kind#NONE}, {@link Kind#DIFF} or {@link Kind#ADA}
 * @param policy      DiffAugment's transforms, a comma list of {@code color}, {@code translation},
 *                    {@code cutout} (all three: the paper's choice for its small-data results)
 * @param adaTarget   the r_t ADA steers D's real outputs to (0.6, Karras et al.'s value)
 * @param adaInterval steps between ADA's updates of p (4, as stylegan2-ada-pytorch)
 * @param adaSpeed    images over which p may move by 1. ADA uses 500k, for runs of tens of millions of
 *                    images; a DCGAN run here sees a few hundred thousand, so 100k lets p go from 0 to 1
 *                    in about 1,600 steps at batch 64, early enough to matter in a run of 10k steps
 */
public record Augmentation(Kind augment, String policy, double adaTarget, int adaInterval, int adaSpeed) {
    /** No augmentation, and the other parameters' defaults for when one is chosen. */
    public static final Augmentation NONE = new Augmentation(Kind.NONE, "color,translation,cutout", 0.6, 4, 100_000);

    /** What D sees: the images as they are, DiffAugment's fixed policy, or ADA's adaptive pipeline. */
    public enum Kind {
        NONE,
        DIFF,
        ADA
    }

    public Augmentation {
        if (augment == null) {
            throw new IllegalArgumentException("augment must be none, diff or ada");
        }
        DiffAugment.parse(policy);
        if (!(adaTarget > 0 && adaTarget < 1)) {
            throw new IllegalArgumentException(
                    "ADA's target (setting 'ada-target') must be in (0, 1), got " + adaTarget);
        }
        if (adaInterval < 1) {
            throw new IllegalArgumentException(
                    "ADA's interval (setting 'ada-interval') must be at least 1 step, got " + adaInterval);
        }
        if (adaSpeed < 1) {
            throw new IllegalArgumentException(
                    "ADA's speed (setting 'ada-speed') must be at least 1 image, got " + adaSpeed);
        }
    }

    /** Whether D sees anything but the images themselves. */
    public boolean enabled() {
        return augment != Kind.NONE;
    }

    /** The policy's names, in order. */
    static List<String> names(String policy) {
        return Arrays.stream(policy.toLowerCase(Locale.ROOT).split(","))
                .map(String::trim)
                .toList();
    }
}
