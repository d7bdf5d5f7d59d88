package dcgan4j.dist;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * DistributedDataParallel's gradient exchange, done once per network and step: the network's
 * gradients flattened into one buffer ({@code flatten_dense_tensors}), one allreduce, divided by the
 * world size, and copied back. Each rank then steps its own optimizer on the same averaged gradients,
 * so the weights stay identical on every rank.
 *
 * <p>DDP's {@code Reducer} would start allreducing buckets while backward is still running; with
 * D's and G's backward passes split by the GAN's own steps, one exchange after each backward is
 * simpler and costs one round trip per network.
 */
public final class GradientAverager {
    private final Cluster cluster;
    private long nanos;
    private long calls;

    public GradientAverager(Cluster cluster) {
        this.cluster = cluster;
    }

    /**
     * Replaces the gradient of each of {@code parameters} with its mean over all ranks. A parameter
     * without a gradient counts as a zero gradient (as DDP treats unused parameters) and gets one.
     */
    public void average(TensorVector parameters) {
        long start = System.nanoTime();
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard()) {
            TensorVector grads = new TensorVector();
            for (long i = 0; i < parameters.size(); i++) {
                Tensor p = parameters.get(i);
                if (!p.grad().defined()) {
                    p.mutable_grad().put(torch.zeros_like(p));
                }
                grads.push_back(p.grad());
            }
            Tensor flat = torch.flatten_dense_tensors(grads);
            cluster.sum(flat);
            flat.div_(new Scalar((double) cluster.worldSize()));
            TensorVector averaged = torch.unflatten_dense_tensors(flat, grads);
            for (long i = 0; i < grads.size(); i++) {
                grads.get(i).copy_(averaged.get(i));
            }
        }
        nanos += System.nanoTime() - start;
        calls++;
    }

    /** Wall time spent in {@link #average} so far, flattening and copying included. */
    public long nanos() {
        return nanos;
    }

    public long calls() {
        return calls;
    }
}
