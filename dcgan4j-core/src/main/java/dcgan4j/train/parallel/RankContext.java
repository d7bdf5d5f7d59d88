package dcgan4j.train.parallel;

import dcgan4j.torch.NamedTensors;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * Where a training run sits among data-parallel replicas — one process per rank, each on its own
 * shard of the data, all with the same weights — and the few exchanges that keep them so.
 * {@link #SINGLE} is a run of its own; the distributed implementation lives in {@code dcgan4j.dist}.
 *
 * <p>Every rank must make the same calls in the same order; the leader (rank 0) alone writes the
 * run's files, but never inside such a call.
 */
public interface RankContext {
    /** Checkpoint entries that differ between ranks: the random generators' states. */
    String PER_RANK = "rng.";
    /** The world size a checkpoint was written by; absent for one process. */
    String WORLD_SIZE = "dist.world_size";

    RankContext SINGLE = new RankContext() {
        @Override
        public int rank() {
            return 0;
        }

        @Override
        public int worldSize() {
            return 1;
        }

        @Override
        public void syncGradients(TensorVector parameters) {}

        @Override
        public void broadcastFromLeader(Collection<Tensor> tensors) {}

        @Override
        public double[] sum(double... values) {
            return values.clone();
        }

        @Override
        public List<Tensor> gather(Tensor tensor) {
            return List.of(tensor);
        }
    };

    int rank();

    int worldSize();

    default boolean isLeader() {
        return rank() == 0;
    }

    /**
     * Called after each backward pass, before the optimizer steps: makes the gradients of
     * {@code parameters} (one network's, all of them) their mean over the ranks.
     */
    void syncGradients(TensorVector parameters);

    /** Overwrites {@code tensors} with rank 0's (weights and buffers at the start). */
    void broadcastFromLeader(Collection<Tensor> tensors);

    /** Element-wise sums of {@code values} over all ranks. */
    double[] sum(double... values);

    /** Every rank's {@code tensor} (same shape everywhere), by rank. */
    List<Tensor> gather(Tensor tensor);

    /** Whether any rank says yes: a stop request on one rank stops all of them after the same step. */
    default boolean any(boolean yes) {
        return sum(yes ? 1 : 0)[0] > 0;
    }

    /**
     * The state to checkpoint, from this rank's {@code state}: rank 0's as it is, plus every other
     * rank's {@link #PER_RANK} entries as {@code rank<R>.rng.…} and the world size.
     */
    default Map<String, Tensor> withAllRanks(Map<String, Tensor> state) {
        if (worldSize() == 1) {
            return state;
        }
        Map<String, Tensor> out = new LinkedHashMap<>(state);
        state.forEach((name, t) -> {
            if (name.startsWith(PER_RANK)) {
                List<Tensor> all = gather(t);
                for (int r = 1; r < all.size(); r++) {
                    out.put("rank" + r + "." + name, all.get(r));
                }
            }
        });
        out.put(WORLD_SIZE, org.bytedeco.pytorch.global.torch.tensor(new long[] {worldSize()}));
        return out;
    }

    /**
     * This rank's part of a checkpoint's state: its own {@link #PER_RANK} entries in place of rank 0's.
     *
     * @throws IllegalArgumentException when the checkpoint was written by another number of processes
     */
    default Map<String, Tensor> forThisRank(Map<String, Tensor> saved) {
        requireWorldSize(saved, worldSize());
        if (rank() == 0) {
            return saved;
        }
        Map<String, Tensor> out = new LinkedHashMap<>(saved);
        out.putAll(NamedTensors.withPrefix(saved, "rank" + rank() + "."));
        return out;
    }

    /**
     * Refuses a checkpoint written by another number of processes: each rank's random states and data
     * shard belong to that number, so no other one continues the run exactly.
     */
    static void requireWorldSize(Map<String, Tensor> saved, int worldSize) {
        Tensor world = saved.get(WORLD_SIZE);
        long written = world == null ? 1 : world.item_long();
        if (written != worldSize) {
            throw new IllegalArgumentException("the checkpoint was written by " + written + " process"
                    + (written == 1 ? "" : "es") + " and resumes exactly only with as many; this job has " + worldSize);
        }
    }
}
