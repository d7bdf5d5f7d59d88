package dcgan4j.cli;

import dcgan4j.data.DatasetKind;
import dcgan4j.model.GeneratorKind;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.ModelVariant;
import dcgan4j.model.NoiseDistribution;
import dcgan4j.model.OutputActivation;
import picocli.CommandLine.Option;

/**
 * The architecture variants of {@code train} ({@link ModelVariant}); the paper's networks by default.
 * They are stored with the weights, so {@code generate} and {@code --resume} rebuild the same networks.
 */
final class VariantOptions {
    private static final ModelVariant P = ModelVariant.PAPER;

    @Option(
            names = "--generator",
            paramLabel = "KIND",
            description = "dcgan (the paper's transposed convolutions) or upsample (the Keras MNIST article's dense "
                    + "layer + upsampling/5x5 convolution blocks) (default: dcgan)")
    GeneratorKind generator = P.generator();

    @Option(
            names = "--output",
            paramLabel = "ACT",
            description = "G's output: tanh (images in [-1, 1]) or sigmoid ([0, 1]; real images are scaled to match) "
                    + "(default: tanh)")
    OutputActivation output = P.output();

    @Option(
            names = "--g-dropout",
            paramLabel = "RATE",
            description = "dropout after G's first block (the Keras article: 0.4) (default: ${DEFAULT-VALUE})")
    double generatorDropout = P.generatorDropout();

    @Option(
            names = "--d-dropout",
            paramLabel = "RATE",
            description =
                    "dropout after each of D's hidden layers (the Keras article: 0.4) (default: ${DEFAULT-VALUE})")
    double discriminatorDropout = P.discriminatorDropout();

    @Option(
            names = "--g-batch-norm",
            paramLabel = "LAYERS",
            description = "G's hidden layers with BatchNorm: paper (all), none, all, or numbers such as 2,3 "
                    + "(default: ${DEFAULT-VALUE})")
    String generatorBatchNorm = P.generatorBatchNorm().spec();

    @Option(
            names = "--d-batch-norm",
            paramLabel = "LAYERS",
            description = "D's hidden layers with BatchNorm: paper (all but the first), none, all, or numbers such as "
                    + "2,3 (default: ${DEFAULT-VALUE})")
    String discriminatorBatchNorm = P.discriminatorBatchNorm().spec();

    @Option(
            names = "--noise",
            paramLabel = "DIST",
            description = "z from normal N(0, 1) or uniform U[-1, 1] (default: normal)")
    NoiseDistribution noise = P.noise();

    @Option(
            names = "--conditional",
            description = "class-conditional GAN: G and D also get the image's label (labelled datasets only); "
                    + "then 'dcgan generate --class K'")
    boolean conditional;

    /** Sets these options on {@code model} for data of {@code kind}, whose labels a conditional model is built for. */
    ModelConfig.Builder apply(ModelConfig.Builder model, DatasetKind kind) {
        if (conditional && kind.classes() == 0) {
            throw new IllegalArgumentException(
                    "--conditional needs a labelled dataset (synthetic, mnist, fashion-mnist, " + "cifar10); "
                            + kind.id() + " has no labels");
        }
        return model.generator(generator)
                .output(output)
                .gDropout(generatorDropout)
                .dDropout(discriminatorDropout)
                .gBatchNorm(generatorBatchNorm)
                .dBatchNorm(discriminatorBatchNorm)
                .noise(noise)
                .classes(conditional ? kind.classes() : 0);
    }

    /** Takes the variant of existing weights. */
    void use(ModelVariant v) {
        generator = v.generator();
        output = v.output();
        generatorDropout = v.generatorDropout();
        discriminatorDropout = v.discriminatorDropout();
        generatorBatchNorm = v.generatorBatchNorm().spec();
        discriminatorBatchNorm = v.discriminatorBatchNorm().spec();
        noise = v.noise();
        conditional = v.conditional();
    }
}
