package dcgan4j.train.step;

import dcgan4j.torch.Tensors;
import dcgan4j.train.parallel.RankContext;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

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
    /**
     * The metrics from a step's 0-dim float32 results, read from the device in one transfer: each
     * separate read would be a device synchronisation on a GPU. Loss_D is summed as pytorch/examples
     * sums it, in float32.
     */
    static StepMetrics read(Tensor errReal, Tensor errFake, Tensor errG, Tensor dX, Tensor dGz1, Tensor dGz2) {
        float[] v = Tensors.toFloats(torch.stack(new TensorVector(errReal, errFake, errG, dX, dGz1, dGz2)));
        return new StepMetrics(v[0] + v[1], v[2], v[3], v[4], v[5]);
    }

    /** These metrics averaged over the ranks of a job, as metrics.csv records them. */
    public StepMetrics meanOver(RankContext ranks) {
        double[] s = ranks.sum(lossD, lossG, dX, dGz1, dGz2);
        double n = ranks.worldSize();
        return new StepMetrics(s[0] / n, s[1] / n, s[2] / n, s[3] / n, s[4] / n);
    }

    /** True when any value is NaN or infinite: training has diverged. */
    public boolean diverged() {
        return !(Double.isFinite(lossD) && Double.isFinite(lossG));
    }
}
