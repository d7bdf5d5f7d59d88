package dcgan4j.train;

import dcgan4j.train.step.StepMetrics;

/** A loss became NaN or infinite: the run cannot recover, so it stops instead of writing garbage. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(long step, StepMetrics metrics) {
        super("training diverged at step " + step + " (Loss_D " + metrics.lossD() + ", Loss_G " + metrics.lossG()
                + "); try a lower learning rate");
    }
}
