package dcgan4j.dist;

import dcgan4j.torch.Tensors;
import dcgan4j.train.parallel.RankContext;
import java.util.Collection;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * A training run's place in a {@link Cluster}: DistributedDataParallel's semantics for the trainer —
 * gradients averaged after each backward, rank 0's weights at the start, metrics and stop requests
 * agreed, random states gathered into rank 0's checkpoints.
 */
public final class DataParallel implements RankContext {
    private final Cluster cluster;
    private final GradientAverager gradients;

    public DataParallel(Cluster cluster) {
        this.cluster = cluster;
        this.gradients = new GradientAverager(cluster);
    }

    @Override
    public int rank() {
        return cluster.rank();
    }

    @Override
    public int worldSize() {
        return cluster.worldSize();
    }

    @Override
    public void syncGradients(TensorVector parameters) {
        gradients.average(parameters);
    }

    @Override
    public void broadcastFromLeader(Collection<Tensor> tensors) {
        StateBroadcast.fromLeader(cluster, tensors);
    }

    @Override
    public double[] sum(double... values) {
        Tensor t = Tensors.fromDoubles(values);
        cluster.sum(t);
        double[] out = new double[values.length];
        t.data_ptr_double().get(out);
        return out;
    }

    @Override
    public List<Tensor> gather(Tensor tensor) {
        return cluster.gather(tensor);
    }

    /** The gradient exchanges so far: their count and wall time, for the share of a step they take. */
    public GradientAverager gradients() {
        return gradients;
    }
}
