package dcgan4j.train.outputs;

import dcgan4j.train.outputs.TrainingListener.Ending;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * What a process does with a run's steps besides taking them. In a data-parallel job only the
 * leader writes the run directory and tells the listeners ({@link LeaderOutputs}); every other rank
 * takes part in the collectives, which the loop makes itself, and records nothing ({@link #NONE}). So
 * the loop reads the same on every rank.
 */
public interface RankOutputs extends AutoCloseable {
    /** A rank that records nothing. */
    RankOutputs NONE = new RankOutputs() {};

    /** After each step, with its metrics averaged over the ranks: metrics row, evaluation, grids. */
    default void stepDone(Position at, StepMetrics metrics, double imagesPerSecond, GanStep gan) throws IOException {}

    /** A full-state checkpoint of {@code state}, which holds every rank's part. */
    default void checkpoint(Position at, Map<String, Tensor> state) throws IOException {}

    default void epochEnded(Position at) {}

    /** A step's losses turned NaN or infinite; nothing of it is saved. */
    default void diverged(Position at, StepMetrics metrics) {}

    /** All epochs done: the final weights. */
    default void completed(GanStep gan) throws IOException {}

    /** Once, however the run ends (after the last step it was told of). */
    default void ended(Ending how) {}

    @Override
    default void close() throws IOException {}
}
