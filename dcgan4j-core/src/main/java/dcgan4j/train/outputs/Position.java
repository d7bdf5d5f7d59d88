package dcgan4j.train.outputs;

import dcgan4j.run.Checkpoint;

/**
 * Where a run is: steps taken, the epoch (from 1) and how many of its batches are done. A checkpoint
 * stores exactly this, so a resumed run starts from the position it was written at.
 */
public record Position(long step, int epoch, int batch, int batchesPerEpoch) {
    /** Before the first step, or where {@code from} left off (null: a new run). */
    public static Position start(Checkpoint from, int batchesPerEpoch) {
        Position at = from == null
                ? new Position(0, 1, 0, batchesPerEpoch)
                : new Position(from.step(), from.epoch(), from.batchesDone(), batchesPerEpoch);
        return at.epochEnd() ? at.nextEpoch() : at; // a checkpoint at an epoch's end resumes with the next
    }

    /** After one more step. */
    public Position next() {
        return new Position(step + 1, epoch, batch + 1, batchesPerEpoch);
    }

    /** The first batch of the next epoch. */
    public Position nextEpoch() {
        return new Position(step, epoch + 1, 0, batchesPerEpoch);
    }

    /** Whether every batch of this epoch is done. */
    public boolean epochEnd() {
        return batch == batchesPerEpoch;
    }

    /** Whether {@code every} steps are up (0: never). */
    public boolean every(int every) {
        return every > 0 && step % every == 0;
    }

    /**
     * Whether an output kept every {@code every} steps (0: at epoch ends only) is due after this step of a
     * run of {@code epochs} epochs: on the step count, and at an epoch's end — unless the epoch is shorter
     * than {@code every} steps. A thousand images make epochs of 16 steps, and a grid, a checkpoint and
     * redrawn charts after each of them made a 320-step run on them take 20% longer; the run's last step
     * always counts.
     */
    public boolean due(int every, int epochs) {
        return every(every) || epochEnd() && (every == 0 || batchesPerEpoch >= every || epoch == epochs);
    }
}
