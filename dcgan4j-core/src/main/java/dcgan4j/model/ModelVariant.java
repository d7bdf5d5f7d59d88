package dcgan4j.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The departures from the paper's networks that practitioners ask for by name. Every one changes
 * the network (or what it is fed), so it is part of {@link ModelConfig} and stored with the weights.
 *
 * @param generator              {@code DCGAN} (the paper's) or {@code UPSAMPLE} (the Keras MNIST article's)
 * @param output                 G's last activation: {@code TANH} (images in [-1, 1]) or {@code SIGMOID} ([0, 1])
 * @param generatorDropout       dropout rate after G's first block, where the article has it (0 = none)
 * @param discriminatorDropout   dropout rate after each of D's hidden layers (0 = none; the article: 0.4)
 * @param generatorBatchNorm     which of G's hidden layers have BatchNorm
 * @param discriminatorBatchNorm which of D's hidden layers have BatchNorm
 * @param noise                  what z is drawn from
 * @param classes                0 for the paper's unconditional GAN; otherwise G and D also get a class
 *                               label, as one-hot maps concatenated to their inputs
 */
public record ModelVariant(
        GeneratorKind generator,
        OutputActivation output,
        double generatorDropout,
        double discriminatorDropout,
        BatchNormLayers generatorBatchNorm,
        BatchNormLayers discriminatorBatchNorm,
        NoiseDistribution noise,
        int classes) {
    /** The paper's networks. */
    public static final ModelVariant PAPER = new ModelVariant(
            GeneratorKind.DCGAN,
            OutputActivation.TANH,
            0,
            0,
            BatchNormLayers.PAPER,
            BatchNormLayers.PAPER,
            NoiseDistribution.NORMAL,
            0);

    public ModelVariant {
        dropout("generator dropout", generatorDropout);
        dropout("discriminator dropout", discriminatorDropout);
        if (classes < 0 || classes == 1) {
            throw new IllegalArgumentException("a conditional model needs at least 2 classes, got " + classes);
        }
    }

    public boolean conditional() {
        return classes > 0;
    }

    /** The same networks conditioned on {@code count} classes. */
    public ModelVariant withClasses(int count) {
        return new ModelVariant(
                generator,
                output,
                generatorDropout,
                discriminatorDropout,
                generatorBatchNorm,
                discriminatorBatchNorm,
                noise,
                count);
    }

    /** E.g. {@code upsample G, sigmoid, D dropout 0.4, 10 classes}: only what differs from the paper. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (generator != PAPER.generator) {
            parts.add(generator.name().toLowerCase(Locale.ROOT) + " G");
        }
        if (output != PAPER.output) {
            parts.add(output.name().toLowerCase(Locale.ROOT));
        }
        if (generatorDropout > 0) {
            parts.add("G dropout " + generatorDropout);
        }
        if (discriminatorDropout > 0) {
            parts.add("D dropout " + discriminatorDropout);
        }
        if (!generatorBatchNorm.equals(PAPER.generatorBatchNorm)) {
            parts.add("G BatchNorm " + generatorBatchNorm);
        }
        if (!discriminatorBatchNorm.equals(PAPER.discriminatorBatchNorm)) {
            parts.add("D BatchNorm " + discriminatorBatchNorm);
        }
        if (noise != PAPER.noise) {
            parts.add(noise.name().toLowerCase(Locale.ROOT) + " z");
        }
        if (conditional()) {
            parts.add(classes + " classes");
        }
        return String.join(", ", parts);
    }

    private static void dropout(String name, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + rate);
        }
    }
}
