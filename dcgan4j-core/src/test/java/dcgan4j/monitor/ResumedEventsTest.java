package dcgan4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real run killed past its last checkpoint and resumed: TensorBoard must see one unbroken curve. */
class ResumedEventsTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(16).ndf(16).build();
    // 256 digits at batch 32: 8 steps an epoch, 16 in all; checkpoints every 5 steps and at 8; grids every 6 and at 8
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(2)
            .batchSize(32)
            .seed(5)
            .sampleEvery(6)
            .sampleCount(16)
            .checkpointEvery(5)
            .build();

    @Test
    void aRunKilledAfterItsLastCheckpointAndResumedLogsEveryStepOnce(@TempDir Path dir) throws IOException {
        try (ImageDataset digits = SyntheticDigits.generate(256, 1)) {
            RunDirectory run = RunDirectory.create(dir.resolve("run"));
            // every record flushed at once: the worst case, a kill -9 that loses nothing logged
            var first = new EventFileListener(1, Duration.ZERO);
            TrainingListener killedAt14 = new TrainingListener() { // heard after the event file
                        @Override
                        public void stepDone(Progress p) {
                            if (p.step() == 14) {
                                throw new IllegalStateException("killed");
                            }
                        }
                    };
            assertThatThrownBy(() -> trainer(digits, run, first)
                            .listener(killedAt14)
                            .build()
                            .train())
                    .hasMessage("killed");
            List<TensorFlowReader.Entry> killed = TensorFlowReader.entries(run.root());
            assertThat(killed)
                    .filteredOn(e -> e.tag().equals("loss/D"))
                    .extracting(TensorFlowReader.Entry::step)
                    .endsWith(13L, 14L);
            assertThat(killed)
                    .filteredOn(e -> e.tag().equals("samples/fixed_noise"))
                    .extracting(TensorFlowReader.Entry::step)
                    .containsExactly(6L, 8L, 12L);
            Checkpoint latest = run.checkpoints(3).latest().orElseThrow();
            assertThat(latest.step()).isEqualTo(10);

            var second = new EventFileListener(1);
            trainer(digits, run, second).build().resume(latest);

            List<TensorFlowReader.Entry> entries = TensorFlowReader.entries(run.root());
            for (String tag :
                    List.of("loss/D", "loss/G", "D(x)", "D(G(z))/before_D_update", "lr/G", "speed/images_per_second")) {
                assertThat(entries)
                        .filteredOn(e -> e.tag().equals(tag))
                        .extracting(TensorFlowReader.Entry::step)
                        .as(tag)
                        .containsExactlyElementsOf(
                                LongStream.rangeClosed(1, 16).boxed().toList());
            }
            // the killed run's grid of step 12 is dropped: the resumed run draws it again
            assertThat(entries)
                    .filteredOn(e -> e.tag().equals("samples/fixed_noise"))
                    .extracting(TensorFlowReader.Entry::step)
                    .containsExactly(6L, 8L, 12L, 16L);
            assertThat(entries)
                    .filteredOn(e -> e.tag().equals("samples/real"))
                    .extracting(TensorFlowReader.Entry::step)
                    .containsExactly(0L);
            assertThat(entries)
                    .filteredOn(e -> e.tag().equals("config"))
                    .extracting(TensorFlowReader.Entry::step)
                    .containsExactly(0L, 10L); // the resumed run's settings at its first step
            for (var grid : entries.stream().filter(e -> e.value().hasImage()).toList()) {
                var image = ImageIO.read(new ByteArrayInputStream(
                        grid.value().getImage().getEncodedImageString().toByteArray()));
                assertThat(image.getWidth()).isEqualTo(grid.value().getImage().getWidth());
            }
            assertThat(EventFiles.list(run.root())).hasSize(2).last().isEqualTo(second.file());
        }
    }

    private static Trainer.Builder trainer(ImageDataset digits, RunDirectory run, TrainingListener events) {
        return Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(CONFIG)
                .run(run)
                .listener(events);
    }
}
