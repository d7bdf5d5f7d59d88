package dcgan4j.train.outputs;

import dcgan4j.augment.AdaStatus;
import dcgan4j.train.step.StepMetrics;
import java.nio.file.Path;
import java.util.List;

/**
 * Hears what a training run does, so that everything a person watches — the progress bar, the
 * charts and GIF, TensorBoard event files, a live page — follows the run without the loop knowing
 * about any of them. Callbacks come on the training thread, in step order; a listener that throws
 * stops the run like any other failure (the newest checkpoint stays the last good one).
 */
public interface TrainingListener {
    /** One listener that hands every event to each of {@code listeners}, in their order. */
    static TrainingListener all(List<TrainingListener> listeners) {
        return new Listeners(listeners);
    }

    /** Before the first step (of this process: a resumed run starts after its checkpoint's step). */
    default void started(Plan plan) {}

    /** Once, when a new run has written its grid of real training images. */
    default void realSamplesSaved(Path png) {}

    /** After every step. */
    default void stepDone(Progress progress) {}

    /** After a fixed-noise sample grid was written. */
    default void samplesSaved(long step, Path png) {}

    /** After FID and KID were measured; {@code best} when FID is the lowest so far. */
    default void evaluated(long step, Quality quality, boolean best) {}

    /** When a failure starts: D winning outright, collapsing samples, NaN losses ({@link FailureWatch}). */
    default void warning(long step, String message) {}

    /** After a full-state checkpoint was written. */
    default void checkpointSaved(long step, Path file) {}

    /** After the last step of an epoch and its checkpoint ({@code epoch} counts from 1). */
    default void epochEnded(int epoch, long step) {}

    /** Once, however the run ends; {@code step} is the last step taken. */
    default void ended(long step, Ending how) {}

    /** How a run ended. */
    enum Ending {
        /** All epochs done, final weights written. */
        COMPLETED,
        /** A stop was requested: the checkpoint of the last step is written. */
        STOPPED,
        /** A loss turned NaN or infinite; nothing of that step was saved. */
        DIVERGED,
        /** Any other exception (I/O, a listener, native code). */
        FAILED
    }

    /**
     * What the run is going to do; {@code startStep} is 0 unless it resumes, {@code configText} the
     * resolved configuration (YAML) that is stored in every checkpoint.
     */
    record Plan(
            Path runDir,
            String dataset,
            int images,
            int epochs,
            int stepsPerEpoch,
            int batchSize,
            long startStep,
            String configText) {
        public long totalSteps() {
            return (long) epochs * stepsPerEpoch;
        }
    }

    /**
     * Where the run is, with the step's metrics. {@code epoch} and {@code batch} count from 1;
     * {@code alert} names the failures going on now, empty when there are none; {@code lrG} and
     * {@code lrD} are the learning rates the step used (they change with a decay); {@code ada} is
     * ADA's p and r_t after the step, null in runs without ADA.
     */
    record Progress(
            long step,
            long totalSteps,
            int epoch,
            int epochs,
            int batch,
            int stepsPerEpoch,
            StepMetrics metrics,
            double imagesPerSecond,
            String alert,
            double lrG,
            double lrD,
            AdaStatus ada) {}
}
