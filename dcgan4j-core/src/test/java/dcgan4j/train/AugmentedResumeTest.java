package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.augment.Augmentation;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.MetricsCsv;
import dcgan4j.train.outputs.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An augmented run killed between checkpoints and resumed ends as the uninterrupted one, bit for bit:
 * the augmentation's draws and ADA's p and half-filled interval come back from the checkpoint
 * (stylegan2-ada-pytorch#81: p reset on resume).
 */
class AugmentedResumeTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).build();
    private static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = SyntheticDigits.generate(64, 1);
    }

    @AfterAll
    static void release() {
        digits.close();
    }

    @ParameterizedTest
    @EnumSource(
            value = Augmentation.Kind.class,
            names = {"DIFF", "ADA"})
    void aKilledAndResumedAugmentedRunEndsBitIdentical(Augmentation.Kind kind, @TempDir Path dir) throws IOException {
        var config = TrainConfig.builder()
                .epochs(2)
                .batchSize(16)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(5) // mid-interval: ADA updates p every 4 steps
                .augment(kind)
                .adaSpeed(200)
                .build();
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        loop(config, whole, new TrainingListener() {}).train();

        RunDirectory killed = RunDirectory.create(dir.resolve("killed"));
        TrainingListener dies = new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 7) {
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThatThrownBy(() -> loop(config, killed, dies).train()).hasMessage("killed");
        Checkpoint latest = killed.checkpoints(3).latest().orElseThrow();
        assertThat(latest.step()).isEqualTo(5);
        loop(config, killed, new TrainingListener() {}).resume(latest);

        assertThat(Files.readAllBytes(killed.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        var rows = MetricsCsv.read(whole.metrics());
        if (kind == Augmentation.Kind.ADA) { // p moves at step 8, on an interval (5-8) the checkpoint cut in two
            assertThat(Files.readAllLines(whole.metrics()).get(0)).isEqualTo(MetricsCsv.ADA_HEADER);
            assertThat(rows.get(6).ada().p()).isZero();
            assertThat(rows.get(7).ada().p()).isPositive();
        } else {
            assertThat(Files.readAllLines(whole.metrics()).get(0)).isEqualTo(MetricsCsv.HEADER);
        }
        assertThat(Files.readAllBytes(killed.generatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(killed.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.discriminatorWeights()));
    }

    private static Trainer loop(TrainConfig config, RunDirectory run, TrainingListener listener) throws IOException {
        return Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(config)
                .run(run)
                .listener(listener)
                .build();
    }
}
