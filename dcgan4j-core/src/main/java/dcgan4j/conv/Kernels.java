package dcgan4j.conv;

import java.util.Locale;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The kernels dcgan4j computes convolutions with, in order of preference: a layer uses the first one
 * that handles its shape and agrees with float64 on this machine ({@link ConvRoutes}).
 *
 * <p>Why not always libtorch's own op: on the CPU it runs oneDNN's kernels, and the oneDNN v3.7.1 inside
 * libtorch 2.10 computes some shapes wrong on some processors — on AMD Zen 5 the forward pass of a
 * transposed convolution from 1×1 (G's first layer, relative error 0.2–0.35), the input gradient of a
 * convolution to 1×1 (D's last layer: the gradient G learns from, error up to 1.0), and in bf16 also
 * G's last layer to one channel. The same shapes are right through matrix products and through
 * libtorch's im2col/col2im, which oneDNN's convolution code does not touch.
 */
public enum Kernels implements ConvKernel {
    /**
     * A full contraction as the one matrix product it is: G's first layer (z (N, nz) times the weight
     * (nz, out·k·k)) and D's last (the flattened map (N, in·k·k) times the weight's rows). Exact by
     * construction on every CPU, and cheaper than a convolution kernel on such shapes.
     */
    MATMUL(true) {
        /**
         * Without gradients (sampling) each image is its own matrix product, as a convolution kernel
         * treats it: BLAS blocks a product by its row count, so one large product would round an image
         * differently in a batch of 4 than in a batch of 8, and a seed would not name the same image
         * whatever the batch around it. Training takes the one large product, which is 4 times faster.
         */
        @Override
        public Tensor apply(ConvShape s, Tensor input, Tensor weight, Tensor bias) {
            long n = input.size(0);
            long patch = (long) s.kernel() * s.kernel();
            Tensor rows = input.reshape(n, s.transposed() ? s.in() : s.in() * patch);
            Tensor matrix = s.transposed()
                    ? weight.reshape(s.in(), s.out() * patch)
                    : weight.reshape(s.out(), s.in() * patch).t();
            Tensor out = GradMode.is_enabled()
                    ? torch.matmul(rows, matrix)
                    : torch.bmm(rows.unsqueeze(1), matrix.unsqueeze(0).expand(n, matrix.size(0), matrix.size(1)));
            return withBias(out.view(n, s.out(), s.outputSide(), s.outputSide()), bias);
        }
    },
    /**
     * libtorch's {@code conv2d} / {@code conv_transpose2d}: oneDNN's kernels on the CPU in fp32 and bf16,
     * or libtorch's native ones where oneDNN was caught wrong ({@link ConvRoutes}).
     */
    LIBTORCH(false) {
        @Override
        public Tensor apply(ConvShape s, Tensor input, Tensor weight, Tensor bias) {
            long[] stride = {s.stride(), s.stride()};
            long[] padding = {s.padding(), s.padding()};
            TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(bias);
            return s.transposed()
                    ? torch.conv_transpose2d(input, weight, b, stride, padding, new long[] {0, 0}, 1, 1, 1)
                    : torch.conv2d(input, weight, b, stride, padding, new long[] {1, 1}, 1);
        }
    },
    /**
     * The textbook lowering: a convolution is the weight (out, in·k·k) times the input's unfolded patches
     * ({@code im2col}); a transposed convolution is the weight's transpose times the input, its columns
     * folded back onto the output ({@code col2im}). Right wherever matrix products are; slower than
     * oneDNN on large maps, so only a fallback.
     */
    IM2COL(false) {
        @Override
        public Tensor apply(ConvShape s, Tensor input, Tensor weight, Tensor bias) {
            long n = input.size(0);
            long[] k = {s.kernel(), s.kernel()};
            long[] one = {1, 1};
            long[] padding = {s.padding(), s.padding()};
            long[] stride = {s.stride(), s.stride()};
            long patch = s.kernel() * s.kernel();
            int side = s.outputSide();
            Tensor out;
            if (s.transposed()) {
                Tensor columns = torch.matmul(
                        weight.reshape(s.in(), s.out() * patch).t(),
                        input.reshape(n, s.in(), (long) s.inputSide() * s.inputSide())); // (N, out·k·k, H·W)
                out = torch.col2im(columns, new long[] {side, side}, k, one, padding, stride);
            } else {
                Tensor columns = torch.im2col(input, k, one, padding, stride); // (N, in·k·k, L)
                out = torch.matmul(weight.reshape(s.out(), s.in() * patch), columns)
                        .view(n, s.out(), side, side);
            }
            return withBias(out, bias);
        }
    };

    private final boolean contractionsOnly;

    Kernels(boolean contractionsOnly) {
        this.contractionsOnly = contractionsOnly;
    }

    @Override
    public boolean handles(ConvShape shape) {
        return !contractionsOnly || shape.fullContraction();
    }

    private static Tensor withBias(Tensor out, Tensor bias) {
        return bias == null ? out : out.add(bias.to(out.scalar_type()).view(1, -1, 1, 1));
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
