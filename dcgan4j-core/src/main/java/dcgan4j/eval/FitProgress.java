package dcgan4j.eval;

/**
 * Hears how far a classifier's training has come, so that a user interface can show it while the
 * core draws nothing itself: training a feature network on first use takes minutes.
 */
@FunctionalInterface
public interface FitProgress {
    /** Hears nothing. */
    FitProgress NONE = (done, total, epoch) -> {};

    /**
     * Called after each batch.
     *
     * @param done  batches trained so far, over all epochs
     * @param total batches of the whole training
     * @param epoch the current epoch, from 1
     */
    void batchDone(long done, long total, int epoch);
}
