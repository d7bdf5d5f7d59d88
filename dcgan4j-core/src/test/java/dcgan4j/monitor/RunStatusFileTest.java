package dcgan4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.ModelConfig;
import dcgan4j.monitor.RunStatus.State;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.outputs.TrainingListener.Ending;
import dcgan4j.train.outputs.TrainingListener.Plan;
import dcgan4j.train.outputs.TrainingListener.Progress;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStatusFileTest {
    private static final StepMetrics METRICS = new StepMetrics(1.2, 0.8, 0.6, 0.4, 0.3);

    @Test
    void aTrainingRunEndsWithAFinishedStatusOfAllItsSteps(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        try (ImageDataset digits = SyntheticDigits.generate(128, 1)) {
            var config = TrainConfig.builder()
                    .epochs(2)
                    .batchSize(32)
                    .sampleEvery(0)
                    .sampleCount(16)
                    .checkpointEvery(0)
                    .build();
            Trainer.builder()
                    .data(digits)
                    .model(new ModelConfig(28, 1, 16, 8, 8))
                    .config(config)
                    .run(run)
                    .listener(new RunStatusFile())
                    .build()
                    .train();
        }
        RunStatus status = RunStatus.read(run.status());
        assertThat(status.state()).isEqualTo(State.FINISHED);
        assertThat(status.step()).isEqualTo(8);
        assertThat(status.totalSteps()).isEqualTo(8);
        assertThat(status.epoch()).isEqualTo(2);
        assertThat(status.imagesPerSecond()).isPositive();
        assertThat(status.etaSeconds()).isNull();
        assertThat(Instant.parse(status.updatedAt())).isAfterOrEqualTo(Instant.parse(status.startedAt()));
    }

    @Test
    void writesAtMostOnceASecondButAtOnceOnAWarningAnEpochOrTheEnd(@TempDir Path dir) throws IOException {
        var clock = new StepClock();
        var listener = new RunStatusFile(clock);
        Path file = dir.resolve(RunDirectory.STATUS_FILE);
        listener.started(new Plan(dir, "synthetic", 640, 2, 10, 64, 0, ""));
        assertThat(RunStatus.read(file).state()).isEqualTo(State.RUNNING);

        clock.advance(Duration.ofMillis(400));
        listener.stepDone(progress(1, 1));
        assertThat(RunStatus.read(file).step()).isZero(); // too soon
        clock.advance(Duration.ofMillis(600));
        listener.stepDone(progress(2, 1));
        RunStatus second = RunStatus.read(file);
        assertThat(second.step()).isEqualTo(2);
        assertThat(second.etaSeconds()).isEqualTo(18 * 1.0 / 2, org.assertj.core.api.Assertions.within(1e-9));

        listener.warning(2, "D wins outright");
        assertThat(RunStatus.read(file).warnings()).containsExactly(new RunStatus.Warning(2, "D wins outright"));
        listener.stepDone(progress(11, 2)); // a new epoch, no time passed
        assertThat(RunStatus.read(file).epoch()).isEqualTo(2);
        listener.stepDone(progress(12, 2));
        assertThat(RunStatus.read(file).step()).isEqualTo(11);
        listener.ended(12, Ending.DIVERGED);
        RunStatus end = RunStatus.read(file);
        assertThat(end.state()).isEqualTo(State.DIVERGED);
        assertThat(end.step()).isEqualTo(12);
        assertThat(end.etaSeconds()).isNull();
    }

    @Test
    void aResumedRunKeepsTheWarningsOfTheStepsItKeeps(@TempDir Path dir) throws IOException {
        var first = new RunStatusFile(new StepClock());
        first.started(new Plan(dir, "synthetic", 640, 2, 10, 64, 0, ""));
        first.warning(3, "samples collapse");
        first.warning(9, "D wins outright");
        first.ended(9, Ending.STOPPED);
        assertThat(RunStatus.read(dir.resolve(RunDirectory.STATUS_FILE)).state())
                .isEqualTo(State.STOPPED);

        TrainingListener again = new RunStatusFile(new StepClock());
        again.started(new Plan(dir, "synthetic", 640, 2, 10, 64, 5, "")); // resumed from the checkpoint of step 5
        RunStatus status = RunStatus.read(dir.resolve(RunDirectory.STATUS_FILE));
        assertThat(status.state()).isEqualTo(State.RUNNING);
        assertThat(status.step()).isEqualTo(5);
        assertThat(status.warnings()).containsExactly(new RunStatus.Warning(3, "samples collapse"));
    }

    private static Progress progress(long step, int epoch) {
        return new Progress(step, 20, epoch, 2, (int) ((step - 1) % 10) + 1, 10, METRICS, 500, "", 2e-4, 2e-4, null);
    }

    /** A clock the test moves. */
    private static final class StepClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
