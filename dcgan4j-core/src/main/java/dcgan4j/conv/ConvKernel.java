package dcgan4j.conv;

import org.bytedeco.pytorch.Tensor;

/**
 * One way of computing a convolution layer from libtorch ops. Each must be differentiable through
 * libtorch's autograd and run under autocast exactly as the op it stands in for; its {@code toString()}
 * is the short name the check's table prints.
 */
public interface ConvKernel {
    /** Whether this kernel can compute layers of this shape. */
    boolean handles(ConvShape shape);

    /**
     * The layer's output (N, out, outputSide, outputSide).
     *
     * @param weight as PyTorch stores it ({@link ConvShape#weightShape()})
     * @param bias   (out), or null for a layer without one
     */
    Tensor apply(ConvShape shape, Tensor input, Tensor weight, Tensor bias);
}
