package dcgan4j.conv;

/**
 * One convolution layer as its kernels see it: everything that decides which kernel oneDNN picks and
 * what it must compute, so that a check of one shape holds for every layer of that shape.
 *
 * @param transposed a transposed convolution ({@code conv_transpose2d}, weight (in, out, k, k)) rather
 *                   than a convolution ({@code conv2d}, weight (out, in, k, k))
 * @param inputSide  the input's height and width
 * @param channelsLast whether input and weight are laid out channels-last (NHWC), for which oneDNN
 *                     picks other kernels than for NCHW
 */
public record ConvShape(
        boolean transposed,
        long in,
        long out,
        int kernel,
        int stride,
        int padding,
        int inputSide,
        boolean bias,
        boolean channelsLast) {
    public ConvShape {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0 || inputSide < 1) {
            throw new IllegalArgumentException("not a convolution: " + in + "->" + out + " channels, kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + ", input side " + inputSide);
        }
    }

    /** A convolution laid out NCHW. */
    public static ConvShape conv(long in, long out, int kernel, int stride, int padding, int inputSide, boolean bias) {
        return new ConvShape(false, in, out, kernel, stride, padding, inputSide, bias, false);
    }

    /** A transposed convolution laid out NCHW. */
    public static ConvShape transposed(
            long in, long out, int kernel, int stride, int padding, int inputSide, boolean bias) {
        return new ConvShape(true, in, out, kernel, stride, padding, inputSide, bias, false);
    }

    /** The same layer laid out as {@code channelsLast} says. */
    public ConvShape withChannelsLast(boolean on) {
        return new ConvShape(transposed, in, out, kernel, stride, padding, inputSide, bias, on);
    }

    public int outputSide() {
        return transposed
                ? (inputSide - 1) * stride - 2 * padding + kernel
                : (inputSide + 2 * padding - kernel) / stride + 1;
    }

    /**
     * Whether every output element sees the whole input (a 1×1 map to k×k, a k×k map to 1×1): then the
     * layer is one matrix product, with no sliding window at all.
     */
    public boolean fullContraction() {
        return padding == 0 && (transposed ? inputSide == 1 : inputSide == kernel);
    }

    /** libtorch's name of the operation. */
    public String op() {
        return transposed ? "conv_transpose2d" : "conv2d";
    }

    /** The weight's shape, as PyTorch stores it. */
    public long[] weightShape() {
        return transposed ? new long[] {in, out, kernel, kernel} : new long[] {out, in, kernel, kernel};
    }

    /** {@code conv_transpose2d 100->512 1x1->4x4 k4 s1 p0 nhwc}: what a warning or a bug report names. */
    @Override
    public String toString() {
        return op() + " " + in + "->" + out + " " + inputSide + "x" + inputSide + "->" + outputSide() + "x"
                + outputSide() + " k" + kernel + " s" + stride + " p" + padding + (bias ? " +bias" : "")
                + (channelsLast ? " nhwc" : "");
    }
}
