package dcgan4j.train.step;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.io.Safetensors;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.Checkpoints;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three-stage iteration keeps G and D apart, bit for bit. */
class GanStepTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(1)
            .batchSize(8)
            .seed(5)
            .sampleEvery(0)
            .sampleCount(8)
            .checkpointEvery(0)
            .build();
    private PointerScope scope;

    @BeforeEach
    void open() {
        scope = new PointerScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void discriminatorStepLeavesTheGeneratorUntouched() {
        GanStep t = trainer();
        Tensor fake = t.generator().forward(LatentNoise.sample(8, MODEL, LatentNoise.generator(1)));
        Map<String, Tensor> g = copy(t.generator().stateDict());
        Map<String, Tensor> d = copy(t.discriminator().stateDict());
        t.updateDiscriminator(realBatch(1), fake, null, 0);
        assertSame(t.generator().stateDict(), g);
        assertThat(changed(t.discriminator(), d)).as("D learned").isTrue();
    }

    @Test
    void generatorStepLeavesDiscriminatorWeightsAndGradientsUntouched() {
        GanStep t = trainer();
        Tensor fake = t.generator().forward(LatentNoise.sample(8, MODEL, LatentNoise.generator(1)));
        t.updateDiscriminator(realBatch(1), fake, null, 0);
        Map<String, Tensor> dWeights = copy(params(t.discriminator()));
        Map<String, Tensor> dGrads = grads(t.discriminator());
        Map<String, Tensor> g = copy(t.generator().stateDict());
        t.updateGenerator(fake, null);
        assertSame(params(t.discriminator()), dWeights);
        assertSame(grads(t.discriminator()), dGrads);
        assertThat(changed(t.generator(), g)).as("G learned").isTrue();
    }

    @Test
    void staleGradientsNeverReachTheNextStep() {
        GanStep clean = trainer();
        GanStep poisoned = trainer();
        clean.step(realBatch(1));
        poisoned.step(realBatch(1));
        assertSame(poisoned.discriminator().stateDict(), clean.discriminator().stateDict());
        for (Network n : new Network[] {poisoned.generator(), poisoned.discriminator()}) {
            TensorVector ps = n.parameters();
            for (long i = 0; i < ps.size(); i++) {
                Tensor grad = ps.get(i).grad();
                if (grad.defined()) {
                    grad.fill_(new Scalar(1e3));
                }
            }
        }
        clean.step(realBatch(2));
        poisoned.step(realBatch(2));
        assertSame(poisoned.discriminator().stateDict(), clean.discriminator().stateDict());
        assertSame(poisoned.generator().stateDict(), clean.generator().stateDict());
    }

    /**
     * Loss_D is the mean of −ln D(x) plus the mean of −ln(1 − D(G(z))), and −ln is convex, so by Jensen
     * it is at least −ln of the mean D(x) minus ln(1 − mean D(G(z))); Loss_G at least −ln of its mean
     * D(G(z)). A loss or a mean taken from the wrong outputs, or a probability from the wrong logits,
     * breaks the bound within a few steps.
     */
    @Test
    void metricsAreProbabilitiesAndLossesAreBoundedByThemAsJensenSays() {
        GanStep t = trainer();
        for (int step = 1; step <= 5; step++) {
            StepMetrics m = t.step(realBatch(step));
            assertThat(m.dX()).isBetween(0.0, 1.0);
            assertThat(m.dGz1()).isBetween(0.0, 1.0);
            assertThat(m.dGz2()).isBetween(0.0, 1.0);
            double slack = 1e-5; // float32 sums
            assertThat(m.lossD())
                    .as("step %d: Loss_D against D(x) and D(G(z)) before D's update", step)
                    .isGreaterThanOrEqualTo(-Math.log(m.dX()) - Math.log(1 - m.dGz1()) - slack);
            assertThat(m.lossG())
                    .as("step %d: Loss_G against D(G(z)) after D's update", step)
                    .isGreaterThanOrEqualTo(-Math.log(m.dGz2()) - slack);
            assertThat(m.diverged()).isFalse();
        }
    }

    @Test
    void twoSameSeedRunsWriteByteIdenticalCheckpointsInTheirTensorOrder(@TempDir Path dir) throws IOException {
        List<byte[]> files = new ArrayList<>();
        List<String> order = null;
        for (String run : new String[] {"a", "b"}) {
            GanStep t = trainer();
            t.step(realBatch(1));
            Map<String, Tensor> tensors = new LinkedHashMap<>(t.state());
            tensors.put(Checkpoint.FIXED_NOISE, LatentNoise.sample(4, MODEL, LatentNoise.generator(3)));
            order = List.copyOf(tensors.keySet());
            Path file =
                    new Checkpoints(dir.resolve(run), 1).save(new Checkpoint(1, 1, 1, MODEL, "seed: 11\n", tensors));
            files.add(Files.readAllBytes(file));
            assertThat(Safetensors.read(file).tensors().keySet())
                    .as("tensors in the order they were given")
                    .containsExactlyElementsOf(order);
        }
        assertThat(files.get(1)).isEqualTo(files.get(0));
        assertThat(new ArrayList<>(new HashSet<>(order)))
                .as("a hash order would show")
                .isNotEqualTo(order);
    }

    private static GanStep trainer() {
        Torch.seed(11);
        return new GanStep(new Generator(MODEL), new Discriminator(MODEL), CONFIG);
    }

    private static Tensor realBatch(long seed) {
        var rng = new GeneratorOptional(LatentNoise.generator(seed));
        return torch.randn(new long[] {8, 1, 28, 28}, rng, new TensorOptions()).tanh(); // in (-1, 1) like images
    }

    private static Map<String, Tensor> params(Network n) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        n.stateDict().forEach((k, v) -> {
            if (v.requires_grad()) {
                p.put(k, v);
            }
        });
        return p;
    }

    private static Map<String, Tensor> grads(Network n) {
        Map<String, Tensor> g = new LinkedHashMap<>();
        params(n).forEach((k, v) -> g.put(k, v.grad().clone()));
        return g;
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> c = new LinkedHashMap<>();
        state.forEach((k, v) -> c.put(k, v.detach().clone()));
        return c;
    }

    private static boolean changed(Network n, Map<String, Tensor> before) {
        return n.stateDict().entrySet().stream().anyMatch(e -> !e.getValue().equal(before.get(e.getKey())));
    }

    private static void assertSame(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        actual.forEach((k, v) -> assertThat(v.equal(expected.get(k)))
                .as("%s is bit-identical", k)
                .isTrue());
    }
}
