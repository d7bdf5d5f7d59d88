package dcgan4j.conv;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * A right convolution ({@link Kernels#IM2COL}, right on every CPU seen) made wrong on purpose, the two
 * ways oneDNN was found wrong on AMD Zen 5: an output off by a fifth (G's first layer), or a right
 * output whose input gradient is off (D's last layer). Real libtorch arithmetic throughout, only the
 * results are bent.
 */
public record FaultyKernel(Fault fault) implements ConvKernel {
    public enum Fault {
        OUTPUT,
        INPUT_GRADIENT
    }

    @Override
    public boolean handles(ConvShape shape) {
        return true;
    }

    @Override
    public Tensor apply(ConvShape shape, Tensor input, Tensor weight, Tensor bias) {
        Tensor right = Kernels.IM2COL.apply(shape, input, weight, bias);
        if (fault == Fault.OUTPUT) {
            return right.mul(new Scalar(0.8));
        }
        // the value of `right`, with the gradient of a layer that saw half its input
        Tensor bent = Kernels.IM2COL.apply(shape, input.mul(new Scalar(0.5)), weight, bias);
        return right.detach().add(bent.sub(bent.detach()));
    }

    @Override
    public String toString() {
        return "faulty";
    }
}
