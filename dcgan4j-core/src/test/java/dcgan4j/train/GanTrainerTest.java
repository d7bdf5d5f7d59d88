package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.torch.Torch;
import java.util.LinkedHashMap;
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

/** The three-stage iteration keeps G and D apart, bit for bit. */
class GanTrainerTest {
    private static final ModelConfig MODEL = ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();
    private static final TrainConfig CONFIG = TrainConfig.builder().epochs(1).batchSize(8).seed(5).sampleEvery(0).sampleCount(8).checkpointEvery(0).build();
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
        GanTrainer t = trainer();
        Tensor fake = t.generator().forward(LatentNoise.sample(8, MODEL, LatentNoise.generator(1)));
        Map<String, Tensor> g = copy(t.generator().stateDict());
        Map<String, Tensor> d = copy(t.discriminator().stateDict());
        t.updateDiscriminator(realBatch(1), fake, null, 0);
        assertSame(t.generator().stateDict(), g);
        assertThat(changed(t.discriminator(), d)).as("D learned").isTrue();
    }

    @Test
    void generatorStepLeavesDiscriminatorWeightsAndGradientsUntouched() {
        GanTrainer t = trainer();
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
        GanTrainer clean = trainer();
        GanTrainer poisoned = trainer();
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

    @Test
    void metricsAreProbabilitiesAndLossesAreConsistentWithThem() {
        StepMetrics m = trainer().step(realBatch(1));
        assertThat(m.dX()).isBetween(0.0, 1.0);
        assertThat(m.dGz1()).isBetween(0.0, 1.0);
        assertThat(m.dGz2()).isBetween(0.0, 1.0);
        assertThat(m.lossD()).isPositive();
        assertThat(m.lossG()).isPositive();
        assertThat(m.diverged()).isFalse();
    }

    private static GanTrainer trainer() {
        Torch.seed(11);
        return new GanTrainer(new Generator(MODEL), new Discriminator(MODEL), CONFIG);
    }

    private static Tensor realBatch(long seed) {
        var rng = new GeneratorOptional(LatentNoise.generator(seed));
        return torch.randn(new long[] {8, 1, 28, 28}, rng, new TensorOptions()).tanh();   // in (-1, 1) like images
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
        actual.forEach((k, v) -> assertThat(v.equal(expected.get(k))).as("%s is bit-identical", k).isTrue());
    }
}
