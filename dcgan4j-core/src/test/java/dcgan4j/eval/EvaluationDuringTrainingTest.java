package dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.torch.Torch;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.MetricsCsv;
import dcgan4j.train.outputs.Quality;
import dcgan4j.train.outputs.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --eval-every}: FID and KID in metrics.csv and on a chart, best weights kept, training untouched. */
class EvaluationDuringTrainingTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(16).ndf(16).build();
    private static ImageDataset digits;
    private static LeNet lenet;
    private static Evaluator evaluator;

    @BeforeAll
    static void setUp() {
        digits = SyntheticDigits.generate(256, 1);
        Torch.seed(2);
        lenet = new LeNet("lenet-untrained", 10); // any fixed network is a valid feature map for these checks
        evaluator = new Evaluator(lenet, digits, 96, 7);
    }

    @AfterAll
    static void release() {
        evaluator.close();
        lenet.close();
        digits.close();
    }

    @Test
    void fidAndKidAreLoggedChartedAndTheBestGeneratorIsKeptWithoutChangingTraining(@TempDir Path dir)
            throws IOException {
        var plain = TrainConfig.builder()
                .epochs(2)
                .batchSize(32)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(0)
                .build();
        var measured = TrainConfig.builder()
                .epochs(2)
                .batchSize(32)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(0)
                .evalEvery(4)
                .build();
        RunDirectory without = RunDirectory.create(dir.resolve("without"));
        Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(plain)
                .run(without)
                .listener(new TrainingListener() {})
                .build()
                .train();
        RunDirectory with = RunDirectory.create(dir.resolve("with"));
        List<Long> bestSteps = new ArrayList<>();
        Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(measured)
                .run(with)
                .listener(new TrainingListener() {
                    @Override
                    public void evaluated(long step, Quality quality, boolean best) {
                        if (best) {
                            bestSteps.add(step);
                        }
                    }
                })
                .evaluateWith(evaluator)
                .build()
                .train();

        List<MetricsCsv.Row> rows = MetricsCsv.read(with.metrics());
        assertThat(rows).hasSize(16);
        for (MetricsCsv.Row row : rows) {
            assertThat(row.quality() != null)
                    .as("step %d evaluated", row.step())
                    .isEqualTo(row.step() % 4 == 0);
        }
        assertThat(rows.get(3).quality().fid()).isPositive();
        double lowest = rows.stream()
                .filter(r -> r.quality() != null)
                .mapToDouble(r -> r.quality().fid())
                .min()
                .orElseThrow();
        long bestStep = bestSteps.get(bestSteps.size() - 1);
        assertThat(rows.get((int) bestStep - 1).quality().fid()).isEqualTo(lowest);
        // the kept generator is the one of that step: measuring it again gives its FID
        try (var best = ModelFiles.loadGenerator(with.bestGeneratorWeights())) {
            assertThat(evaluator.measure(best).fid()).isCloseTo(lowest, org.assertj.core.api.Assertions.within(1e-4));
        }
        assertThat(ImageIO.read(with.fidPlot().toFile()).getWidth()).isEqualTo(900);
        assertThat(Files.exists(without.fidPlot())).isFalse();
        // measuring changed nothing about training
        assertThat(Files.readAllBytes(with.generatorWeights()))
                .isEqualTo(Files.readAllBytes(without.generatorWeights()));
        assertThat(Files.readAllBytes(with.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(without.discriminatorWeights()));
    }

    @Test
    void anAveragingRunMeasuresItsAveragedGenerator(@TempDir Path dir) throws IOException {
        var config = TrainConfig.builder()
                .epochs(1)
                .batchSize(32)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(0)
                .evalEvery(8)
                .ema(0.9)
                .build();
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(config)
                .run(run)
                .listener(new TrainingListener() {})
                .evaluateWith(evaluator)
                .build()
                .train();
        double logged = MetricsCsv.read(run.metrics()).get(7).quality().fid();
        try (var averaged = ModelFiles.loadGenerator(run.averagedGeneratorWeights());
                var raw = ModelFiles.loadGenerator(run.generatorWeights())) {
            assertThat(evaluator.measure(averaged).fid())
                    .isCloseTo(logged, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(evaluator.measure(raw).fid()).isNotCloseTo(logged, org.assertj.core.api.Assertions.within(1e-3));
        }
    }

    @Test
    void aResumedRunWithEvaluationsEndsBitIdentical(@TempDir Path dir) throws IOException {
        var config = TrainConfig.builder()
                .epochs(2)
                .batchSize(32)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(3)
                .keepCheckpoints(2)
                .evalEvery(4)
                .build();
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(config)
                .run(whole)
                .listener(new TrainingListener() {})
                .evaluateWith(evaluator)
                .build()
                .train();

        RunDirectory killed = RunDirectory.create(dir.resolve("killed"));
        TrainingListener dies = new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 13) { // checkpoint 12 is the newest; the FID of step 12 was the last written
                    throw new IllegalStateException("killed");
                }
            }
        };
        var first = Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(config)
                .run(killed)
                .listener(dies)
                .evaluateWith(evaluator)
                .build();
        assertThatThrownBy(first::train).hasMessage("killed");
        Checkpoint latest = killed.checkpoints(2).latest().orElseThrow();
        Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(config)
                .run(killed)
                .listener(new TrainingListener() {})
                .evaluateWith(evaluator)
                .build()
                .resume(latest);

        assertThat(Files.readAllBytes(killed.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(killed.generatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(killed.bestGeneratorWeights()))
                .isEqualTo(Files.readAllBytes(whole.bestGeneratorWeights()));
    }

    @Test
    void evaluatingNeedsAFeatureNetwork(@TempDir Path dir) throws IOException {
        var config = TrainConfig.builder()
                .epochs(1)
                .batchSize(32)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(0)
                .evalEvery(4)
                .build();
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        assertThatThrownBy(() -> Trainer.builder()
                        .data(digits)
                        .model(MODEL)
                        .config(config)
                        .run(run)
                        .listener(new TrainingListener() {})
                        .build()
                        .train())
                .hasMessageContaining("evaluating every 4 steps needs a feature network");
    }
}
