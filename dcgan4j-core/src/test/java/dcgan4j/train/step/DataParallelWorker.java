package dcgan4j.train.step;

import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.dist.Cluster;
import dcgan4j.dist.DataParallel;
import dcgan4j.dist.DistributedEnv;
import dcgan4j.dist.WorkerLauncher;
import dcgan4j.io.Safetensors;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;

/**
 * One rank of {@link DataParallelTest}'s job, in a JVM of its own: {@link DataParallelTest#STEPS}
 * steps of a {@link GanStep} on its shard of the digits, then its whole state into
 * {@code <dir>/rank<R>.safetensors}. Each rank initialises its networks from its own seed, so only
 * the broadcast from rank 0 can make them agree.
 */
public final class DataParallelWorker {
    private DataParallelWorker() {}

    public static void main(String[] args) throws Exception {
        Torch.load();
        Torch.useThreads(1);
        WorkerLauncher.exitWithLauncher();
        Path dir = Path.of(args[0]);
        try (Cluster cluster = Cluster.join(DistributedEnv.current().orElseThrow(), Duration.ofSeconds(60));
                ImageDataset digits = SyntheticDigits.generate(DataParallelTest.IMAGES, 5)) {
            var ranks = new DataParallel(cluster);
            TrainConfig config = TrainConfig.DEFAULTS;
            Torch.seed(config.seed() + 1000L * ranks.rank());
            EpochOrder order = DataParallelTest.order().shard(ranks.rank(), ranks.worldSize());
            int[] shard = order.permutation(0);
            try (var g = new Generator(DataParallelTest.MODEL);
                    var d = new Discriminator(DataParallelTest.MODEL);
                    var trainer = new GanStep(g, d, config, ranks)) {
                for (int b = 0; b < DataParallelTest.STEPS; b++) {
                    try (var scope = new PointerScope()) {
                        trainer.step(digits.batch(shard, order.from(b), order.to(b)));
                    }
                }
                Map<String, org.bytedeco.pytorch.Tensor> state = ranks.withAllRanks(trainer.state());
                Safetensors.write(dir.resolve("rank" + ranks.rank() + ".safetensors"), state, Map.of());
            }
        }
    }
}
