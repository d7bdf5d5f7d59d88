package dcgan4j.cli;

import dcgan4j.model.Generator;
import dcgan4j.sample.ClassSamples;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Option;

/** {@code --class K}: which class a conditional generator makes; shared by the commands that generate. */
final class ClassOption {
    @Option(
            names = "--class",
            paramLabel = "K",
            description = "class of the images (a generator trained with --conditional)")
    Integer label;

    /** Labels for {@code count} images of the chosen class; a conditional generator must be given one. */
    Tensor labels(Generator generator, long count) {
        return ClassSamples.labels(generator, label, count);
    }
}
