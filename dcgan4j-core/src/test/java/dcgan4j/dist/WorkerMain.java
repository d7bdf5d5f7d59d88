package dcgan4j.dist;

import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * A worker of the multi-process tests, started by {@link WorkerLauncher} in a JVM of its own:
 * {@code collectives} prints what each collective gave this rank, then rank 1 exits with code 3 while
 * rank 0 sleeps until stopped; {@code sleep} joins and waits forever.
 */
public final class WorkerMain {
    private WorkerMain() {}

    public static void main(String[] args) throws Exception {
        Torch.load();
        Torch.useThreads(1);
        WorkerLauncher.exitWithLauncher();
        DistributedEnv env = DistributedEnv.current().orElseThrow();
        try (Cluster cluster = Cluster.join(env, Duration.ofSeconds(30))) {
            switch (args[0]) {
                case "collectives" -> {
                    collectives(cluster);
                    failOn(cluster, 1, 3);
                }
                case "sleep" -> {
                    System.out.println("pid " + ProcessHandle.current().pid());
                    Thread.sleep(Long.MAX_VALUE);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }

    private static void failOn(Cluster cluster, int rank, int code) throws InterruptedException {
        if (cluster.rank() == rank) {
            System.exit(code);
        }
        Thread.sleep(Long.MAX_VALUE); // until the launcher stops this rank
    }

    private static void collectives(Cluster cluster) {
        int rank = cluster.rank();
        Tensor sum = Tensors.fromFloats(rank + 1, 10 * (rank + 1));
        cluster.sum(sum);
        System.out.println("sum " + Arrays.toString(Tensors.toFloats(sum)));

        Tensor bytes = Tensors.fromBytes(new byte[] {(byte) rank, (byte) (100 + rank), 7}, 3);
        System.out.println("gather "
                + cluster.gather(bytes).stream()
                        .map(t -> Arrays.toString(Tensors.toFloats(t)))
                        .collect(Collectors.joining(" ")));

        // each rank initialises its own G from its own seed; after the broadcast all hold rank 0's
        Torch.seed(100 + rank);
        try (Generator g = new Generator(new ModelConfig(28, 1, 8, 4, 4))) {
            System.out.println("own G " + checksum(g.stateDict().values().toArray(Tensor[]::new)));
            StateBroadcast.fromLeader(cluster, g.stateDict().values());
            System.out.println("broadcast G " + checksum(g.stateDict().values().toArray(Tensor[]::new)));

            // gradients rank + 1 everywhere: their mean over 2 ranks is 1.5; the first parameter has
            // none on rank 0 (a zero there), 2 on rank 1
            TensorVector params = g.parameters();
            for (long i = rank == 0 ? 1 : 0; i < params.size(); i++) {
                params.get(i).mutable_grad().put(torch.full_like(params.get(i), new Scalar(rank + 1.0)));
            }
            GradientAverager averager = new GradientAverager(cluster);
            averager.average(params);
            System.out.println("grad[0] " + Arrays.toString(range(params.get(0).grad())));
            System.out.println("grad[1] " + Arrays.toString(range(params.get(1).grad())));
            System.out.println("grad[last] "
                    + Arrays.toString(range(params.get(params.size() - 1).grad())));
        }
    }

    private static float[] range(Tensor t) {
        return new float[] {t.min().item_float(), t.max().item_float()};
    }

    /** The exact bits of the tensors, summed as integers: equal on two ranks only if every bit is. */
    static long checksum(Tensor... tensors) {
        long sum = 0;
        for (Tensor t : tensors) {
            float[] v = Tensors.toFloats(t);
            for (int i = 0; i < v.length; i++) {
                sum = sum * 31 + Float.floatToRawIntBits(v[i]);
            }
        }
        return sum;
    }
}
