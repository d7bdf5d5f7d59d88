package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import picocli.CommandLine.Option;

/**
 * Which part of the data a run trains on. Options of {@code train} (and so of its config.yaml, which
 * {@code nearest} and {@code inspect} read to see the images the run saw), not of the shared
 * {@link DataOptions}: {@code evaluate} and {@code probe} measure against all of the data, whatever
 * part of it a run trained on.
 */
final class SubsetOptions {
    @Option(
            names = "--subset",
            paramLabel = "N",
            description = "train on N images of the data, chosen from --seed: the same N and seed give the same "
                    + "images, and a smaller N's images are among a larger one's (default: all)")
    Integer subset;

    @Option(
            names = "--mirror",
            description = "add each image's left-right mirror image, doubling the data (after --subset); for "
                    + "folders, cifar10 and fashion-mnist, not for digits (mnist, synthetic)")
    boolean mirror;

    /** {@code all} narrowed to the subset and mirrored as asked. */
    DataRequest apply(DataRequest all) {
        return all.toBuilder()
                .subset(subset == null ? 0 : subset)
                .mirror(mirror)
                .build();
    }
}
