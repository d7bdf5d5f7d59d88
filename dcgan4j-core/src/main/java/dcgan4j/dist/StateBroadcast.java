package dcgan4j.dist;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * DDP's start: every rank takes rank 0's parameters and buffers, so training starts from one set of
 * weights whatever each rank's own initialisation drew. One broadcast per element type (BatchNorm's
 * step counter is int64, the rest float).
 */
final class StateBroadcast {
    private StateBroadcast() {}

    /** Overwrites {@code tensors} in place with rank 0's values. */
    static void fromLeader(Cluster cluster, Collection<Tensor> tensors) {
        Map<Object, TensorVector> byType = new LinkedHashMap<>();
        for (Tensor t : tensors) {
            byType.computeIfAbsent(t.scalar_type().intern(), k -> new TensorVector())
                    .push_back(t);
        }
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard()) {
            for (TensorVector group : byType.values()) {
                Tensor flat = torch.flatten_dense_tensors(group);
                cluster.broadcastFromLeader(flat);
                TensorVector values = torch.unflatten_dense_tensors(flat, group);
                for (long i = 0; i < group.size(); i++) {
                    group.get(i).copy_(values.get(i));
                }
            }
        }
    }
}
