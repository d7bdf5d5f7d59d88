package dcgan4j.train.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.dist.WorkerLauncher;
import dcgan4j.io.Safetensors;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.testing.Jvm;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.parallel.RankContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DistributedDataParallel's promise, on two real processes over Gloo: the replicas stay identical bit
 * for bit, and together they take the step one process would take on both sub-batches with the
 * gradients averaged.
 */
class DataParallelTest {
    static final ModelConfig MODEL = new ModelConfig(28, 1, 8, 4, 4);
    static final int IMAGES = 64;
    static final int BATCH = 4;
    static final int STEPS = 3;
    private static final int WORLD = 2;

    @TempDir
    static Path dir;

    private static Map<String, Tensor> rank0;
    private static Map<String, Tensor> rank1;

    static EpochOrder order() {
        return new EpochOrder(IMAGES, BATCH, TrainConfig.DEFAULTS.seed(), true);
    }

    @BeforeAll
    static void trainOnTwoProcesses() throws Exception {
        List<String> err = Collections.synchronizedList(new ArrayList<>());
        try (var launcher = WorkerLauncher.start(
                Jvm.command(DataParallelWorker.class, dir.toString()),
                WORLD,
                Duration.ofSeconds(5),
                line -> {},
                err::add)) {
            assertThat(launcher.await()).as("%s", err).isZero();
        }
        rank0 = Safetensors.read(dir.resolve("rank0.safetensors")).tensors();
        rank1 = Safetensors.read(dir.resolve("rank1.safetensors")).tensors();
    }

    @Test
    void weightsAndOptimizerStatesAreIdenticalOnEveryRankBitForBit() {
        int compared = 0;
        for (var e : rank0.entrySet()) {
            String name = e.getKey();
            boolean replicated = (name.startsWith("net") && !name.contains("running_") && !name.contains("num_batches"))
                    || name.startsWith("optimizer");
            if (replicated) {
                assertThat(torch.equal(e.getValue(), rank1.get(name))).as(name).isTrue();
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(20);
        // each rank's noise generator is its own (seed + rank); rank 0's checkpoint holds both
        assertThat(torch.equal(rank0.get("rng.noise"), rank1.get("rng.noise"))).isFalse();
        assertThat(torch.equal(rank0.get("rank1.rng.noise"), rank1.get("rng.noise")))
                .isTrue();
        assertThat(rank0.get(RankContext.WORLD_SIZE).item_long()).isEqualTo(2);
    }

    @Test
    void twoProcessesTakeTheStepsOfOneThatAveragesBothSubBatchesGradients() throws Exception {
        Torch.useThreads(1);
        TrainConfig config = TrainConfig.DEFAULTS;
        Torch.seed(config.seed()); // rank 0's own start: the one broadcast to both
        try (ImageDataset digits = SyntheticDigits.generate(IMAGES, 5);
                var g = new Generator(MODEL);
                var d = new Discriminator(MODEL);
                var optG = new NetworkOptimizer(
                        g.parameters(),
                        config.lrG(),
                        config.beta1(),
                        config.beta2(),
                        config.optimizerG(),
                        LossScale.off());
                var optD = new NetworkOptimizer(
                        d.parameters(),
                        config.lrD(),
                        config.beta1(),
                        config.beta2(),
                        config.optimizerD(),
                        LossScale.off())) {
            var noise = List.of(LatentNoise.generator(config.seed()), LatentNoise.generator(config.seed() + 1));
            List<EpochOrder> shards = List.of(order().shard(0, WORLD), order().shard(1, WORLD));
            for (int step = 0; step < STEPS; step++) {
                List<Tensor> fakes = new ArrayList<>();
                List<List<Tensor>> gradsD = new ArrayList<>();
                for (int r = 0; r < WORLD; r++) { // (1) D on each rank's sub-batch, gradients kept apart
                    EpochOrder shard = shards.get(r);
                    Tensor real = digits.batch(shard.permutation(0), shard.from(step), shard.to(step));
                    Tensor fake = g.forward(LatentNoise.sample(BATCH, MODEL, noise.get(r)));
                    fakes.add(fake);
                    optD.zeroGrad();
                    Tensor outReal = d.forward(real).view(-1);
                    torch.binary_cross_entropy_with_logits(outReal, torch.ones_like(outReal))
                            .backward();
                    Tensor outFake = d.forward(fake.detach()).view(-1);
                    torch.binary_cross_entropy_with_logits(outFake, torch.zeros_like(outFake))
                            .backward();
                    gradsD.add(gradients(d));
                }
                setMean(d, gradsD);
                optD.step(step);
                List<List<Tensor>> gradsG = new ArrayList<>();
                d.requiresGrad(false);
                for (int r = 0; r < WORLD; r++) { // (2) G on each rank's fakes
                    optG.zeroGrad();
                    Tensor out = d.forward(fakes.get(r)).view(-1);
                    torch.binary_cross_entropy_with_logits(out, torch.ones_like(out))
                            .backward();
                    gradsG.add(gradients(g));
                }
                d.requiresGrad(true);
                setMean(g, gradsG);
                optG.step(step);
            }
            assertClose("netG.", g, rank0);
            assertClose("netD.", d, rank0);
        }
    }

    @Test
    void aCheckpointOfTwoProcessesIsRefusedByOne() {
        assertThatThrownBy(() -> RankContext.SINGLE.forThisRank(rank0))
                .hasMessage(
                        "the checkpoint was written by 2 processes and resumes exactly only with as many; this job has 1");
    }

    private static List<Tensor> gradients(Network net) {
        List<Tensor> grads = new ArrayList<>();
        TensorVector params = net.parameters();
        for (long i = 0; i < params.size(); i++) {
            grads.add(params.get(i).grad().clone());
        }
        return grads;
    }

    private static void setMean(Network net, List<List<Tensor>> perRank) {
        TensorVector params = net.parameters();
        try (var noGrad = new NoGradGuard()) {
            for (int i = 0; i < params.size(); i++) {
                params.get(i)
                        .grad()
                        .copy_(perRank.get(0).get(i).add(perRank.get(1).get(i)).div(new Scalar(2.0)));
            }
        }
    }

    private static void assertClose(String prefix, Network net, Map<String, Tensor> distributed) {
        for (var e : net.stateDict().entrySet()) {
            if (e.getKey().contains("running_") || e.getKey().contains("num_batches")) {
                continue; // per-rank BatchNorm statistics: the reference ran both sub-batches through one network
            }
            float[] expected = Tensors.toFloats(e.getValue());
            float[] actual = Tensors.toFloats(distributed.get(prefix + e.getKey()));
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i])
                        .as(prefix + e.getKey() + "[" + i + "]")
                        .isCloseTo(expected[i], within(1e-5 * Math.abs(expected[i]) + 1e-8));
            }
        }
    }
}
