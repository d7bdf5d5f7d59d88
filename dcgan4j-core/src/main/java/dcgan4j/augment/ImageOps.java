package dcgan4j.augment;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The transforms on a batch (N, C, H, W) given their per-image parameters, apart from drawing them so
 * that a test can give known ones. Each is built from libtorch ops that pass gradients to the images
 * (adds, products, gathers, masks), so G learns through them in its step; none loops over the images.
 */
final class ImageOps {
    private ImageOps() {}

    /** x + shift, shift (N, 1, 1, 1). */
    static Tensor brightness(Tensor x, Tensor shift) {
        return x.add(shift);
    }

    /** Each pixel's colour moved from (factor < 1) or towards (> 1) its grey, the mean over channels. */
    static Tensor saturation(Tensor x, Tensor factor) {
        return aroundMean(x, factor, 1);
    }

    /** Each image's values moved from or towards the image's mean, factor (N, 1, 1, 1). */
    static Tensor contrast(Tensor x, Tensor factor) {
        return aroundMean(x, factor, 1, 2, 3);
    }

    private static Tensor aroundMean(Tensor x, Tensor factor, long... dims) {
        Tensor mean = x.mean(dims, true, new ScalarTypeOptional()); // (N, 1, H, W) or (N, 1, 1, 1)
        return x.sub(mean).mul(factor).add(mean);
    }

    /**
     * Each image moved by (dy, dx) whole pixels, (N) each, the uncovered border zero: out[y][x] =
     * in[y - dy][x - dx]. Every shift must be within ±H and ±W.
     */
    static Tensor translate(Tensor x, Tensor dy, Tensor dx) {
        long n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        Tensor padded = torch.constant_pad_nd(x, 1, 1, 1, 1); // (N, C, H+2, W+2): a zero frame to read from
        Tensor rows = sources(h, dy, x).view(n, 1, h, 1).expand(n, c, h, w + 2);
        Tensor cols = sources(w, dx, x).view(n, 1, 1, w).expand(n, c, h, w);
        return padded.gather(2, rows).gather(3, cols); // (N, C, H, W+2), then (N, C, H, W)
    }

    /** (N, size): the padded row (column) each output row reads, 0 or size + 1 (the frame) when outside. */
    private static Tensor sources(long size, Tensor shift, Tensor like) {
        return positions(size, like)
                .view(1, size)
                .sub(shift.view(-1, 1))
                .add(new Scalar(1))
                .clamp_(new ScalarOptional(new Scalar(0)), new ScalarOptional(new Scalar(size + 1)));
    }

    /**
     * Each image with a square of side {@code side} zeroed, its top-left corner at (top, left), (N) each;
     * the square may reach past the border, where it is cut off.
     */
    static Tensor cutout(Tensor x, Tensor top, Tensor left, long side) {
        long n = x.size(0), h = x.size(2), w = x.size(3);
        Tensor inRows = within(h, top, side, x).view(n, 1, h, 1);
        Tensor inCols = within(w, left, side, x).view(n, 1, 1, w);
        return x.masked_fill(inRows.logical_and(inCols), new Scalar(0)); // (N, 1, H, W) mask broadcast over C
    }

    /** (N, size): whether each row (column) lies in [start, start + side). */
    private static Tensor within(long size, Tensor start, long side, Tensor like) {
        Tensor offset = positions(size, like).view(1, size).sub(start.view(-1, 1));
        return offset.ge(new Scalar(0)).logical_and(offset.lt(new Scalar(side)));
    }

    /** 0, 1, …, size - 1 (int64) on the device of {@code like}. */
    static Tensor positions(long size, Tensor like) {
        return torch.arange(new Scalar(size), new TensorOptions(ScalarType.Long))
                .to(like.device(), ScalarType.Long);
    }
}
