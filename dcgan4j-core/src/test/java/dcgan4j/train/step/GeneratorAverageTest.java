package dcgan4j.train.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.Tensors;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorAverageTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(16).ndf(16).build();
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(1)
            .batchSize(32)
            .seed(5)
            .sampleEvery(4)
            .sampleCount(16)
            .checkpointEvery(0)
            .build();

    @Test
    void theDecayWarmsUpByTensorFlowsRuleAndStopsAtTheGivenOne() {
        assertThat(GeneratorAverage.decayAt(0.999, 0)).isEqualTo(0.1); // (1 + 0) / (10 + 0)
        assertThat(GeneratorAverage.decayAt(0.999, 90)).isCloseTo(0.91, within(1e-12));
        assertThat(GeneratorAverage.decayAt(0.999, 8_990)).isCloseTo(0.999, within(1e-12));
        assertThat(GeneratorAverage.decayAt(0.999, 100_000)).isEqualTo(0.999);
        assertThat(GeneratorAverage.decayAt(0.9, 1_000)).isEqualTo(0.9);
    }

    @Test
    void eachUpdateMovesTheAverageByOneMinusTheDecayTowardsGAndLeavesGAlone() {
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard();
                var g = new Generator(MODEL);
                var average = new GeneratorAverage(g, 0.999, 1)) {
            Tensor start = g.stateDict().get("main.0.weight").clone();
            g.stateDict().get("main.0.weight").add_(new Scalar(1.0)); // G takes a step
            Tensor moved = g.stateDict().get("main.0.weight").clone();
            average.update(100); // decay (1 + 100) / 110
            double d = 101.0 / 110.0;
            Tensor expected = start.mul(new Scalar(d)).add(moved.mul(new Scalar(1 - d)));
            assertThat(maxDifference(average.stateDict().get("main.0.weight"), expected))
                    .isLessThan(1e-6);
            assertThat(g.stateDict().get("main.0.weight").equal(moved)).isTrue();
            assertThat(average.stateDict().get("main.0.weight").requires_grad()).isFalse();

            for (int t = 0; t < 2_000; t++) { // G stays put: the average reaches it
                average.update(t);
            }
            assertThat(maxDifference(average.stateDict().get("main.0.weight"), moved))
                    .isLessThan(1e-5);
        }
    }

    @Test
    void aDecayOutsideZeroToOneIsRefusedByItsSettingName() {
        assertThatThrownBy(() -> TrainConfig.builder().ema(1.0).build()).hasMessageContaining("(setting 'ema')");
        assertThatThrownBy(() -> TrainConfig.builder().ema(-0.5).build()).hasMessageContaining("[0, 1)");
    }

    @Test
    void anAveragingRunTrainsGExactlyAsBeforeAndSamplesItsGridsFromTheAverage(@TempDir Path dir) throws IOException {
        RunDirectory plain = RunDirectory.create(dir.resolve("plain"));
        RunDirectory averaged = RunDirectory.create(dir.resolve("averaged"));
        train(CONFIG.toBuilder().ema(0).build(), plain);
        train(CONFIG.toBuilder().ema(0.9).build(), averaged);

        assertThat(Files.readAllBytes(averaged.metrics())).isEqualTo(Files.readAllBytes(plain.metrics()));
        assertThat(Files.readAllBytes(averaged.generatorWeights()))
                .isEqualTo(Files.readAllBytes(plain.generatorWeights()));
        assertThat(Files.readAllBytes(averaged.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(plain.discriminatorWeights()));
        assertThat(Files.exists(plain.averagedGeneratorWeights())).isFalse();

        try (var scope = new PointerScope();
                Generator raw = ModelFiles.loadGenerator(averaged.root(), ModelFiles.Pick.RAW);
                Generator average = ModelFiles.loadGenerator(averaged.root())) {
            assertThat(average.stateDict().keySet())
                    .containsExactlyElementsOf(raw.stateDict().keySet()); // PyTorch names
            assertThat(maxDifference(
                            average.stateDict().get("main.0.weight"),
                            raw.stateDict().get("main.0.weight")))
                    .isGreaterThan(1e-4);
            Checkpoint last = averaged.checkpoints(3).latest().orElseThrow();
            Tensor fixed = last.tensor(Checkpoint.FIXED_NOISE);
            byte[] grid = Files.readAllBytes(averaged.fakeSamples(8));
            ImageGrid.save(Sampler.generate(average, fixed), 8, dir.resolve("ema.png"));
            ImageGrid.save(Sampler.generate(raw, fixed), 8, dir.resolve("raw.png"));
            assertThat(Files.readAllBytes(dir.resolve("ema.png"))).isEqualTo(grid);
            assertThat(Files.readAllBytes(dir.resolve("raw.png")))
                    .isEqualTo(Files.readAllBytes(plain.fakeSamples(8)))
                    .isNotEqualTo(grid);
            Map<String, Tensor> saved = last.tensors();
            assertThat(saved.get("netG_ema.main.0.weight")
                            .equal(average.stateDict().get("main.0.weight")))
                    .isTrue();
        }
        assertThat(ImageIO.read(averaged.fakeSamples(4).toFile()).getWidth()).isPositive();
    }

    @Test
    void forSamplingGivesTheSameStatisticsEachTimeAndDrawsNothingFromTraining() {
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard();
                var g = new Generator(MODEL);
                var average = new GeneratorAverage(g, 0.99, 3)) {
            g.stateDict().get("main.0.weight").add_(new Scalar(0.5));
            average.update(50);
            Tensor state = torch.getDefaultCPUGenerator().get_state();
            Tensor first =
                    average.forSampling().stateDict().get("main.1.running_var").clone();
            Map<String, Tensor> stale = average.stateDict();
            stale.get("main.1.running_var").fill_(new Scalar(3.0));
            average.load(stale); // e.g. a checkpoint's
            Tensor again = average.forSampling().stateDict().get("main.1.running_var");
            assertThat(again.equal(first)).isTrue();
            assertThat(torch.getDefaultCPUGenerator().get_state().equal(state)).isTrue();
            assertThat(first.equal(g.stateDict().get("main.1.running_var"))).isFalse(); // not G's
            average.update(51); // moved weights: statistics anew
            assertThat(average.forSampling()
                            .stateDict()
                            .get("main.1.running_var")
                            .equal(first))
                    .isFalse();
        }
    }

    private static void train(TrainConfig config, RunDirectory run) throws IOException {
        try (ImageDataset digits = SyntheticDigits.generate(256, 1)) {
            Trainer.builder()
                    .data(digits)
                    .model(MODEL)
                    .config(config)
                    .run(run)
                    .charts(false)
                    .build()
                    .train();
        }
    }

    private static double maxDifference(Tensor a, Tensor b) {
        float[] x = Tensors.toFloats(a.contiguous());
        float[] y = Tensors.toFloats(b.contiguous());
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }
}
