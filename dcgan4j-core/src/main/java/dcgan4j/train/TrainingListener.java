package dcgan4j.train;

import java.nio.file.Path;

/**
 * Hears what a {@link TrainingLoop} does, so a user interface (progress bar, log lines, a live view)
 * can follow it without the loop knowing about any of them.
 */
public interface TrainingListener {
    /** Before the first step. */
    default void started(Plan plan) {}

    /** After every step. */
    default void stepDone(Progress progress) {}

    /** After a fixed-noise sample grid was written. */
    default void samplesSaved(long step, Path png) {}

    /** After FID and KID were measured ({@code --eval-every}); {@code best} when FID is the lowest so far. */
    default void evaluated(long step, Quality quality, boolean best) {}

    /** When a failure starts: D winning outright, collapsing samples, NaN losses ({@link FailureWatch}). */
    default void warning(long step, String message) {}

    /** After a full-state checkpoint was written. */
    default void checkpointSaved(long step, Path file) {}

    /** After a stop request was honoured: the checkpoint of {@code step} is written. */
    default void stopped(long step) {}

    /** After the final weights were written. */
    default void finished(Path runDir, long steps) {}

    /** What the run is going to do; {@code startStep} is 0 unless it resumes. */
    record Plan(Path runDir, String dataset, int images, int epochs, int stepsPerEpoch, int batchSize, long startStep) {
        public long totalSteps() {
            return (long) epochs * stepsPerEpoch;
        }
    }

    /**
     * Where the run is, with the step's metrics. {@code epoch} and {@code batch} count from 1;
     * {@code alert} names the failures going on now, empty when there are none.
     */
    record Progress(long step, long totalSteps, int epoch, int epochs, int batch, int stepsPerEpoch,
                    StepMetrics metrics, double imagesPerSecond, String alert) {}
}
