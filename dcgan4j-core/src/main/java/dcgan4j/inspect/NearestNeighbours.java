package dcgan4j.inspect;

import dcgan4j.torch.Tensors;
import java.util.function.BiFunction;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Exact k-nearest-neighbour search of query vectors among a reference set too large to hold as
 * floats (60,000 MNIST images, CelebA at 64×64): the references are made chunk by chunk, compared
 * with {@code torch.cdist} and only the k best per query are kept.
 *
 * <p>Distances are root-mean-square per dimension (L2 / √D), so pixel distances read in the units of
 * the [-1, 1] images whatever the image size.
 */
public final class NearestNeighbours {
    private static final int CHUNK = 4096;

    /** For each query, the indices of its k nearest references and their RMS distances, nearest first. */
    public record Result(int[][] indices, float[][] distances) {
        /** Distance from each query to its nearest reference. */
        public double[] nearest() {
            double[] d = new double[distances.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = distances[i][0];
            }
            return d;
        }

        /**
         * For queries that are themselves references (query i = reference i): each query's matches
         * without itself, one neighbour fewer.
         */
        public Result withoutSelf() {
            int[][] idx = new int[indices.length][];
            float[][] dist = new float[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                int self = -1;
                for (int j = 0; j < indices[i].length && self < 0; j++) {
                    self = indices[i][j] == i ? j : -1;
                }
                int drop = self >= 0 ? self : indices[i].length - 1;
                idx[i] = new int[indices[i].length - 1];
                dist[i] = new float[indices[i].length - 1];
                for (int j = 0, o = 0; j < indices[i].length; j++) {
                    if (j != drop) {
                        idx[i][o] = indices[i][j];
                        dist[i][o++] = distances[i][j];
                    }
                }
            }
            return new Result(idx, dist);
        }
    }

    private NearestNeighbours() {}

    /**
     * @param queries    (M, D) float vectors
     * @param references how to make references {@code [from, to)} as (to − from, D) float vectors
     * @param count      number of references
     * @param k          neighbours wanted per query (at most {@code count})
     */
    public static Result search(Tensor queries, BiFunction<Integer, Integer, Tensor> references, int count, int k) {
        if (k < 1 || k > count) {
            throw new IllegalArgumentException("k must be in 1.." + count + ", got " + k);
        }
        int m = (int) queries.size(0);
        double scale = Math.sqrt(queries.size(1));
        int[][] indices = new int[m][0];
        float[][] distances = new float[m][0];
        for (int from = 0; from < count; from += CHUNK) {
            int to = Math.min(count, from + CHUNK);
            int keep = Math.min(k, to - from);
            try (var scope = new PointerScope()) {
                Tensor d = torch.cdist(queries, references.apply(from, to)); // (M, to - from)
                T_TensorTensor_T top = d.topk(keep, 1, false, true); // the smallest, in order
                float[] values = Tensors.toFloats(top.get0());
                long[] positions = new long[m * keep];
                top.get1().contiguous().data_ptr_long().get(positions);
                for (int i = 0; i < m; i++) {
                    merge(indices, distances, i, k, from, positions, values, i * keep, keep, (float) scale);
                }
            }
        }
        return new Result(indices, distances);
    }

    /** Merges query i's best so far with a chunk's sorted candidates, keeping the k nearest. */
    private static void merge(
            int[][] indices,
            float[][] distances,
            int i,
            int k,
            int offset,
            long[] positions,
            float[] values,
            int start,
            int length,
            float scale) {
        int[] oldIdx = indices[i];
        float[] oldDist = distances[i];
        int n = Math.min(k, oldIdx.length + length);
        int[] idx = new int[n];
        float[] dist = new float[n];
        int a = 0;
        int b = 0;
        for (int j = 0; j < n; j++) {
            boolean takeOld = b >= length || (a < oldIdx.length && oldDist[a] <= values[start + b] / scale);
            if (takeOld) {
                idx[j] = oldIdx[a];
                dist[j] = oldDist[a++];
            } else {
                idx[j] = offset + (int) positions[start + b];
                dist[j] = values[start + b++] / scale;
            }
        }
        indices[i] = idx;
        distances[i] = dist;
    }
}
