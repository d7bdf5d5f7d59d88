package dcgan4j.data;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the data: a fresh permutation per epoch, derived only from the
 * run's seed and the epoch number, so any epoch's order can be recomputed (for reproducible runs and
 * for resuming in the middle of one).
 */
public final class EpochOrder {
    private final int size;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;

    /** @param dropLast leave out a last batch smaller than {@code batchSize} */
    public EpochOrder(int size, int batchSize, long seed, boolean dropLast) {
        if (batchSize > size) {
            throw new IllegalArgumentException(
                    "batch size " + batchSize + " is larger than the dataset (" + size + " images)");
        }
        this.size = size;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
    }

    public int batchesPerEpoch() {
        return dropLast ? size / batchSize : (size + batchSize - 1) / batchSize;
    }

    /** First position of batch {@code b} in the epoch's permutation. */
    public int from(int b) {
        return b * batchSize;
    }

    /** End (exclusive) of batch {@code b}; the last batch may be short unless dropped. */
    public int to(int b) {
        return Math.min(size, (b + 1) * batchSize);
    }

    /** A permutation of 0..size-1 for {@code epoch} (Fisher–Yates). */
    public int[] permutation(int epoch) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
