package dcgan4j.cli;

import dcgan4j.augment.Augmentation;
import picocli.CommandLine.Option;

/** What D sees of the images when the data are few ({@link Augmentation}); nothing by default. */
final class AugmentOptions {
    private static final Augmentation A = Augmentation.NONE;

    @Option(
            names = "--augment",
            paramLabel = "KIND",
            description = "augment the images D sees, real and fake: none, diff (DiffAugment) or ada (adaptive, "
                    + "p steered by D's overfitting) (default: none)")
    Augmentation.Kind augment = A.augment();

    @Option(
            names = "--augment-policy",
            paramLabel = "LIST",
            description = "DiffAugment's transforms, a comma list of color, translation, cutout "
                    + "(default: ${DEFAULT-VALUE})")
    String augmentPolicy = A.policy();

    @Option(
            names = "--ada-target",
            paramLabel = "R",
            description =
                    "ADA's target for E[sign(D(real))]; p rises above it, falls below (default: ${DEFAULT-VALUE})")
    double adaTarget = A.adaTarget();

    @Option(
            names = "--ada-interval",
            paramLabel = "N",
            description = "steps between ADA's updates of p (default: ${DEFAULT-VALUE})")
    int adaInterval = A.adaInterval();

    @Option(
            names = "--ada-speed",
            paramLabel = "IMAGES",
            description = "images over which ADA's p can move from 0 to 1 (default: ${DEFAULT-VALUE})")
    int adaSpeed = A.adaSpeed();
}
