package dcgan4j.sample;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/**
 * What a conditional generator makes of a chosen class: images of one class, or a sheet with one row
 * per class in which column {@code j} uses seed {@code firstSeed + j} in every row, so a column shows
 * one z (the "style") across the classes.
 */
public final class ClassSamples {
    private ClassSamples() {}

    /**
     * What {@code dcgan generate} asks for: a sheet of {@code sheetColumns} images per class when that is
     * positive, else {@code count} images of class {@code label}, else (label null) any {@code count}
     * images ({@link Sampler#generate(Generator, int, long)}: a conditional model's classes cycle).
     */
    public static Tensor generate(Generator generator, int count, long firstSeed, Integer label, int sheetColumns) {
        if (sheetColumns > 0) {
            return sheet(generator, sheetColumns, firstSeed);
        }
        return label == null
                ? Sampler.generate(generator, count, firstSeed)
                : ofClass(generator, count, firstSeed, label);
    }

    /** {@code count} images of class {@code label}, image {@code i} from seed {@code firstSeed + i}. */
    public static Tensor ofClass(Generator generator, int count, long firstSeed, int label) {
        return Sampler.generate(
                generator, LatentNoise.forSeeds(firstSeed, count, generator.config()), labels(generator, label, count));
    }

    /**
     * The labels for {@code count} images that must all be of one class, as latent tools (numbered
     * sheets, walks, arithmetic) need: null for an unconditional generator, which takes no class.
     *
     * @throws IllegalArgumentException when a conditional generator gets no class, an unconditional one
     *     gets one, or the class is out of range
     */
    public static Tensor labels(Generator generator, Integer label, long count) {
        if (generator.config().variant().classes() == 0 && label == null) {
            return null;
        }
        if (label == null) {
            throw new IllegalArgumentException("the generator is conditional: choose a class (setting 'classLabel')");
        }
        requireClass(generator, label);
        int[] labels = new int[Math.toIntExact(count)];
        Arrays.fill(labels, label);
        return Tensors.indices(labels);
    }

    /** {@code classes × perClass} images, row {@code k} of class {@code k}: a grid of {@code perClass} columns. */
    public static Tensor sheet(Generator generator, int perClass, long firstSeed) {
        int classes = requireConditional(generator);
        Tensor z = LatentNoise.forSeeds(firstSeed, perClass, generator.config()).repeat(classes, 1, 1, 1);
        int[] labels = new int[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / perClass;
        }
        return Sampler.generate(generator, z, Tensors.indices(labels));
    }

    private static void requireClass(Generator generator, int label) {
        int classes = requireConditional(generator);
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("class must be in 0.." + (classes - 1) + ", got " + label);
        }
    }

    private static int requireConditional(Generator generator) {
        int classes = generator.config().variant().classes();
        if (classes == 0) {
            throw new IllegalArgumentException(
                    "the generator is not conditional, so it has no classes to choose (setting 'conditional' trains one)");
        }
        return classes;
    }
}
