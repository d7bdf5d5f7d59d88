package dcgan4j.torch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.pytorch.InterpolateFuncOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.bytedeco.pytorch.kBicubic;
import org.bytedeco.pytorch.kBilinear;

/** Small conversions between Java arrays and libtorch tensors, with the bindings' traps handled. */
public final class Tensors {
    private Tensors() {}

    /**
     * A native {@code long[]} for options such as kernel size or stride. {@code LongPointer.put(i, v)}
     * would set only index {@code i}; the whole array must be put at once.
     */
    public static LongPointer longs(long... values) {
        LongPointer p = new LongPointer(values.length);
        p.put(values);
        return p;
    }

    /** The tensor's shape as a Java array. */
    public static long[] shape(Tensor t) {
        return t.sizes().vec().get();
    }

    /**
     * Copies a tensor (any shape, layout, floating type or device) into a flat Java array of floats in
     * row-major order: one transfer from the device.
     */
    public static float[] toFloats(Tensor t) {
        Tensor c = t.detach().to(ScalarType.Float).cpu().contiguous();
        float[] out = new float[(int) c.numel()];
        c.data_ptr_float().get(out);
        return out;
    }

    /** A new float32 tensor (1-D) holding {@code values}. */
    public static Tensor fromFloats(float... values) {
        try (FloatPointer data = new FloatPointer(values)) {
            return torch.from_blob(data, new long[] {values.length}, new TensorOptions(ScalarType.Float))
                    .clone();
        }
    }

    /** A new float64 tensor (1-D) holding {@code values}. */
    public static Tensor fromDoubles(double... values) {
        try (DoublePointer data = new DoublePointer(values)) {
            return torch.from_blob(data, new long[] {values.length}, new TensorOptions(ScalarType.Double))
                    .clone();
        }
    }

    /** A new int64 tensor (1-D) holding {@code values}, e.g. class labels for {@code one_hot}. */
    public static Tensor indices(int... values) {
        try (IntPointer data = new IntPointer(values)) {
            return torch.from_blob(data, new long[] {values.length}, new TensorOptions(ScalarType.Int))
                    .to(ScalarType.Long);
        }
    }

    /** A new uint8 tensor of the given shape holding {@code values} (row-major). */
    public static Tensor fromBytes(byte[] values, long... shape) {
        try (BytePointer data = new BytePointer(values)) {
            return torch.from_blob(data, shape, new TensorOptions(ScalarType.Byte))
                    .clone();
        }
    }

    /**
     * Resizes float images (N, C, H, W) to (N, C, side, side): bilinear, antialiased when shrinking
     * (PIL-like quality, never nearest-neighbour).
     */
    public static Tensor resize(Tensor images, int side) {
        var options = squareResize(side);
        options.mode().put(new kBilinear());
        return torch.interpolate(images, options);
    }

    /**
     * The same with bicubic filtering, as clean-fid resizes images for the Inception network (PIL's
     * bicubic, on floats): antialiased when shrinking.
     */
    public static Tensor resizeBicubic(Tensor images, int side) {
        var options = squareResize(side);
        options.mode().put(new kBicubic());
        return torch.interpolate(images.contiguous(), options);
    }

    private static InterpolateFuncOptions squareResize(int side) {
        var options = new InterpolateFuncOptions();
        options.size().put(new LongVector(side, side));
        options.align_corners().put(false);
        options.antialias().put(true);
        return options;
    }

    /**
     * The tensors of a module's named parameters or buffers, by name. The dict's {@code value()} is a
     * reference into the dict's own memory, which is freed with the dict; each tensor is therefore
     * copied into a handle of its own (same storage, no data copied).
     */
    public static Map<String, Tensor> ownHandles(StringTensorDict dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (long i = 0; i < dict.size(); i++) {
            out.put(dict.get(i).key().getString(), new Tensor(dict.get(i).value()));
        }
        return out;
    }

    /** Total number of elements of all tensors, e.g. a module's parameter count. */
    public static long numel(TensorVector tensors) {
        long n = 0;
        for (long i = 0; i < tensors.size(); i++) {
            n += tensors.get(i).numel();
        }
        return n;
    }

    /**
     * The tensor's element type. Enums returned by native code are fresh Java objects: they must be
     * {@code intern()}ed before comparing them with {@code ==} or using them in a {@code switch}.
     */
    public static ScalarType dtype(Tensor t) {
        return t.scalar_type().intern();
    }
}
