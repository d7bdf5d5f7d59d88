package dcgan4j.data;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the data: a fresh permutation per epoch, derived only from the
 * run's seed and the epoch number, so any epoch's order can be recomputed (for reproducible runs and
 * for resuming in the middle of one).
 *
 * <p>In a data-parallel job each process visits its own {@link #shard}: all ranks draw the same
 * permutation and take every {@code world}-th position of it, as PyTorch's {@code DistributedSampler}
 * with {@code set_epoch} does — disjoint shards that together cover the epoch.
 */
public final class EpochOrder {
    private final int datasetSize;
    private final int batchSize;
    private final long seed;
    private final boolean dropLast;
    private final int rank;
    private final int world;
    /** Positions this order visits per epoch: the dataset, or one shard of it. */
    private final int size;

    /** @param dropLast leave out a last batch smaller than {@code batchSize} */
    public EpochOrder(int size, int batchSize, long seed, boolean dropLast) {
        this(size, batchSize, seed, dropLast, 0, 1);
    }

    private EpochOrder(int datasetSize, int batchSize, long seed, boolean dropLast, int rank, int world) {
        if (world < 1 || rank < 0 || rank >= world) {
            throw new IllegalArgumentException("rank " + rank + " is not one of " + world + " processes");
        }
        this.datasetSize = datasetSize;
        this.batchSize = batchSize;
        this.seed = seed;
        this.dropLast = dropLast;
        this.rank = rank;
        this.world = world;
        this.size = (datasetSize + world - 1) / world;
        if (batchSize > size) {
            throw new IllegalArgumentException("batch size " + batchSize + " is larger than the dataset (" + datasetSize
                    + " images" + (world > 1 ? ", " + size + " for each of " + world + " processes)" : ")"));
        }
    }

    /**
     * Rank {@code rank}'s share of every epoch among {@code world} processes: positions rank,
     * rank + world, … of the permutation. When the data does not divide evenly the permutation is
     * padded by wrapping round to its start (DistributedSampler's default), so every shard has the
     * same length and all ranks take the same number of steps — a few images are then seen twice per
     * epoch, by different ranks.
     */
    public EpochOrder shard(int rank, int world) {
        if (this.world != 1) {
            throw new IllegalStateException("already a shard");
        }
        return new EpochOrder(datasetSize, batchSize, seed, dropLast, rank, world);
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

    /** The indices this order visits in {@code epoch}: a permutation of the data (Fisher–Yates), or its shard. */
    public int[] permutation(int epoch) {
        int[] order = new int[datasetSize];
        for (int i = 0; i < datasetSize; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + epoch);
        for (int i = datasetSize - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (world == 1) {
            return order;
        }
        int[] shard = new int[size];
        for (int i = 0; i < size; i++) {
            shard[i] = order[(rank + i * world) % datasetSize];
        }
        return shard;
    }
}
