package dcgan4j.dist;

import dcgan4j.torch.Torch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;

/**
 * This process's membership of a data-parallel job: the ranks joined in one Gloo process group, and
 * the few collectives training needs. Every rank must make the same calls in the same order — a
 * collective inside an {@code if (isLeader())} block would wait for ranks that never come.
 *
 * <p>Collectives block until done. A peer that dies makes the others' next collective fail (its
 * sockets close) or time out; either becomes a {@link DistributedException}.
 */
public final class Cluster implements AutoCloseable {
    /** torch.distributed's default for the store connection is 30 min; a user waits far less. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final DistributedEnv env;
    /** Kept referenced for the group's life: the group holds only a clone (see {@link Rendezvous}). */
    private final TCPStore store;

    private final ProcessGroupGloo group;

    private Cluster(DistributedEnv env, TCPStore store, ProcessGroupGloo group) {
        this.env = env;
        this.store = store;
        this.group = group;
    }

    /**
     * Joins the job: connects to (or serves) the store and forms the group with all other ranks.
     *
     * @param timeout how long to wait for the store, for all ranks to join, and for any collective
     * @throws DistributedException when that does not happen in time
     */
    public static Cluster join(DistributedEnv env, Duration timeout) {
        Torch.load();
        TCPStore store = Rendezvous.connect(env, timeout);
        return new Cluster(env, store, Rendezvous.group(store, env, timeout));
    }

    public DistributedEnv env() {
        return env;
    }

    public int rank() {
        return env.rank();
    }

    public int worldSize() {
        return env.worldSize();
    }

    public boolean isLeader() {
        return env.isLeader();
    }

    /** Sums {@code tensor} over all ranks, in place. */
    public void sum(Tensor tensor) {
        var options = new AllreduceOptions();
        options.reduceOp(new ReduceOp(ReduceOp.RedOpType.SUM));
        await(group.allreduce(new TensorVector(tensor), options), "allreduce");
    }

    /** Overwrites {@code tensor} on every rank with rank 0's, in place. */
    public void broadcastFromLeader(Tensor tensor) {
        var options = new BroadcastOptions();
        options.rootRank(0);
        await(group.broadcast(new TensorVector(tensor), options), "broadcast");
    }

    /** Every rank's {@code tensor} (the same shape and type everywhere), by rank, on every rank. */
    public List<Tensor> gather(Tensor tensor) {
        Tensor input = tensor.contiguous().view(-1);
        long n = input.numel();
        Tensor output = input.new_empty(new long[] {worldSize() * n});
        await(group._allgather_base(output, input), "allgather");
        List<Tensor> out = new ArrayList<>();
        for (int r = 0; r < worldSize(); r++) {
            out.add(output.narrow(0, r * n, n).view(tensor.sizes()));
        }
        return out;
    }

    /** Waits until every rank got here. */
    public void barrier() {
        await(group.barrier(), "barrier");
    }

    private void await(Work work, String what) {
        try {
            work._wait();
        } catch (RuntimeException e) {
            throw new DistributedException(
                    "rank " + rank() + ": " + what + " across " + worldSize()
                            + " processes failed (another process stopped?): " + DistributedException.firstLine(e),
                    e);
        }
    }

    @Override
    public void close() {
        group.close();
        store.close();
    }
}
