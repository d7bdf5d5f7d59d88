package dcgan4j.probe;

import dcgan4j.data.ImageDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The labelled images of one draw: K images of every class taken at random from the training split,
 * the rest of which counts as unlabelled (the paper's setting). A draw depends on the seed, K and the
 * draw's number alone, so the same seed gives the same images on any machine.
 */
public final class LabelDraw {
    private LabelDraw() {}

    /**
     * Indices into {@code train}: class 0's K images, then class 1's, each class's in the drawn order.
     *
     * @throws IllegalArgumentException when some class has fewer than K images, or the data is unlabelled
     */
    public static int[] draw(ImageDataset train, int perClass, long seed, int drawNumber) {
        List<List<Integer>> byClass = byClass(train);
        for (int c = 0; c < byClass.size(); c++) {
            if (byClass.get(c).size() < perClass) {
                throw new IllegalArgumentException("labels per class " + perClass + " is more than the "
                        + byClass.get(c).size() + " training images of class " + c + " in " + train.name());
            }
        }
        SplittableRandom random = new SplittableRandom(mix(seed, perClass, drawNumber));
        int[] out = new int[perClass * byClass.size()];
        int at = 0;
        for (List<Integer> members : byClass) {
            int[] pool = members.stream().mapToInt(Integer::intValue).toArray();
            for (int i = 0; i < perClass; i++) { // a partial Fisher-Yates shuffle
                int j = i + random.nextInt(pool.length - i);
                int chosen = pool[j];
                pool[j] = pool[i];
                pool[i] = chosen;
                out[at++] = chosen;
            }
        }
        return out;
    }

    /** Each class's image indices in dataset order. */
    static List<List<Integer>> byClass(ImageDataset data) {
        if (data.classes() < 2) {
            throw new IllegalArgumentException(data.name() + " has no class labels to probe with: use a dataset "
                    + "with labels and a test split (mnist, fashion-mnist, cifar10, synthetic)");
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.classes(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        return byClass;
    }

    /** One stream per (seed, K, draw): SplittableRandom spreads neighbouring seeds apart itself. */
    private static long mix(long seed, int perClass, int drawNumber) {
        return seed * 1_000_003L * 1_000_003L + perClass * 1_000_003L + drawNumber;
    }
}
