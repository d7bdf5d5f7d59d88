package dcgan4j.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which images a subset keeps: drawn without replacement by a Fisher–Yates shuffle in Java, from a
 * {@link SplittableRandom} of the seed — not libtorch's {@code randperm}, whose algorithm may change
 * between libtorch versions — so the same count and seed keep the same images on every machine, thread
 * count and release. The shuffle runs from the front, so a smaller subset of a seed lies inside every
 * larger one: 1,000 images are among the 5,000 of the same seed, and results at the two sizes differ
 * only by the images added.
 */
final class Subset {
    private Subset() {}

    /**
     * {@code count} distinct indices of {@code data}, in increasing order (the data's own order).
     *
     * @throws IllegalArgumentException when {@code count} is larger than the data
     */
    static int[] indices(ImageDataset data, int count, long seed) {
        int size = data.size();
        if (count > size) {
            throw new IllegalArgumentException(
                    "setting 'subset' asks for " + count + " images, but " + data.name() + " has " + size);
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        // split(): a stream of its own, apart from the epoch orders', which also start from the seed
        SplittableRandom random = new SplittableRandom(seed).split();
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(size - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] chosen = Arrays.copyOf(order, count);
        Arrays.sort(chosen);
        return chosen;
    }
}
