package dcgan4j.train;

/**
 * What one iteration reports, named as in pytorch/examples dcgan.
 *
 * @param lossD D's loss on the real batch plus the fake batch
 * @param lossG G's loss (fakes labelled real)
 * @param dX    mean D(x) on the real batch: starts near 1, should drift towards 0.5
 * @param dGz1  mean D(G(z)) on the fakes before D's update
 * @param dGz2  mean D(G(z)) on the same fakes after D's update, during G's step
 */
public record StepMetrics(double lossD, double lossG, double dX, double dGz1, double dGz2) {
    /** True when any value is NaN or infinite: training has diverged. */
    public boolean diverged() {
        return !(Double.isFinite(lossD) && Double.isFinite(lossG));
    }
}
