package dcgan4j.data;

import dcgan4j.torch.Device;
import dcgan4j.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Decoded images kept as uint8 (N, C, H, W) in native memory — a quarter of the size of floats —
 * with optional class labels. Batches are cut out and scaled to [-1, 1] on demand.
 */
public final class ImageDataset implements AutoCloseable {
    private final String name;
    private final Tensor images;
    private final BytePointer pixels;
    private final int[] labels;
    private final int classes;

    /**
     * @param images  uint8 tensor (N, C, H, W), 0 = black, 255 = white
     * @param labels  one class index per image, or {@code null} when unlabelled
     * @param classes number of classes (0 when unlabelled)
     */
    public ImageDataset(String name, Tensor images, int[] labels, int classes) {
        if (images.dim() != 4 || Tensors.dtype(images) != ScalarType.Byte) {
            throw new IllegalArgumentException("images must be a uint8 (N, C, H, W) tensor");
        }
        if (labels != null && labels.length != images.size(0)) {
            throw new IllegalArgumentException(
                    "label count " + labels.length + " does not match image count " + images.size(0));
        }
        this.name = name;
        this.images = images.contiguous();
        PointerScope enclosing = PointerScope.getInnerScope();
        if (enclosing != null) { // the dataset owns its pixels until close(), whatever scope made it
            this.images.retainReference();
            enclosing.detach(this.images); // detach() also drops the reference attach() took
        }
        this.pixels = new BytePointer(this.images.data_ptr()).capacity(this.images.nbytes());
        this.labels = labels;
        this.classes = classes;
    }

    /** A dataset from row-major uint8 pixels (count, channels, side, side). */
    public static ImageDataset of(
            String name, byte[] pixels, int count, int channels, int side, int[] labels, int classes) {
        return new ImageDataset(name, Tensors.fromBytes(pixels, count, channels, side, side), labels, classes);
    }

    /** The uint8 (N, C, H, W) images themselves, owned by this dataset. */
    Tensor images() {
        return images;
    }

    public String name() {
        return name;
    }

    public int size() {
        return (int) images.size(0);
    }

    public int channels() {
        return (int) images.size(1);
    }

    /** Side of the (square) images. */
    public int imageSize() {
        return (int) images.size(2);
    }

    public int classes() {
        return classes;
    }

    /** Class of image {@code index}; only for labelled data. */
    public int label(int index) {
        if (labels == null) {
            throw new IllegalStateException(name + " has no labels");
        }
        return labels[index];
    }

    /** The classes of the images at {@code indices[from..to)}; only for labelled data. */
    public int[] labels(int[] indices, int from, int to) {
        int[] out = new int[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = label(indices[i]);
        }
        return out;
    }

    /** The images at {@code indices[from..to)} as floats in [-1, 1], shape (to - from, C, H, W), on the CPU. */
    public Tensor batch(int[] indices, int from, int to) {
        return batch(indices, from, to, Device.CPU);
    }

    /** The same on {@code device}: the uint8 pixels are moved, a quarter of the floats' bytes, then scaled there. */
    public Tensor batch(int[] indices, int from, int to, Device device) {
        return toUnitRange(onDevice(tensorOf(indices, from, to), device));
    }

    /** uint8 (N, C, H, W) pixels of this dataset's shape, as a tensor on the CPU. */
    Tensor tensorOf(byte[] pixels) {
        return Tensors.fromBytes(
                pixels,
                pixels.length / ((long) channels() * imageSize() * imageSize()),
                channels(),
                imageSize(),
                imageSize());
    }

    private Tensor tensorOf(int[] indices, int from, int to) {
        return tensorOf(gather(indices, from, to));
    }

    /**
     * A CPU tensor moved to {@code device}; to a GPU from pinned memory and without waiting for the copy,
     * which the device's stream orders before the ops that use it.
     */
    static Tensor onDevice(Tensor cpu, Device device) {
        if (!device.cuda()) {
            return cpu;
        }
        return cpu.pin_memory()
                .to(
                        device.torchDevice(),
                        Tensors.dtype(cpu),
                        true,
                        false,
                        new org.bytedeco.pytorch.MemoryFormatOptional());
    }

    /** uint8 pixels 0..255 as floats in [-1, 1]: {@code p / 127.5 - 1}, computed where the pixels are. */
    static Tensor toUnitRange(Tensor pixels) {
        return pixels.to(ScalarType.Float).div(new Scalar(127.5)).sub(new Scalar(1.0));
    }

    /**
     * The pixels of the images at {@code indices[from..to)}, row-major. Plain Java, no libtorch call:
     * safe on a background thread while libtorch's own threads train ({@link BatchPrefetcher}).
     */
    byte[] gather(int[] indices, int from, int to) {
        int per = channels() * imageSize() * imageSize();
        byte[] out = new byte[(to - from) * per];
        for (int i = from; i < to; i++) {
            pixels.getPointer((long) indices[i] * per)
                    .get(out, (i - from) * per, per); // a new view per read: thread-safe
        }
        return out;
    }

    /**
     * The same images at another square side (bilinear, antialiased when shrinking) and channel
     * count (grey repeated into RGB, or RGB reduced to luma); this dataset is left as it is.
     */
    public ImageDataset reshaped(int side, int channels) {
        if (side == imageSize() && channels == channels()) {
            return this;
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        try (var scope = new PointerScope()) {
            Tensor x = images.to(ScalarType.Float);
            if (side != imageSize()) {
                x = Tensors.resize(x, side);
            }
            if (channels == 3 && channels() == 1) {
                x = x.expand(new long[] {-1, 3, -1, -1});
            } else if (channels == 1 && channels() == 3) {
                Tensor luma = Tensors.fromFloats(0.299f, 0.587f, 0.114f).view(1, 3, 1, 1);
                x = x.mul(luma).sum(new long[] {1}, true, new ScalarTypeOptional());
            }
            Tensor bytes = x.round()
                    .clamp_(new ScalarOptional(new Scalar(0.0)), new ScalarOptional(new Scalar(255.0)))
                    .to(ScalarType.Byte);
            return new ImageDataset(name, bytes, labels, classes);
        }
    }

    /** The images at {@code indices}, in that order, with their labels; this dataset is left as it is. */
    ImageDataset select(int[] indices) {
        int[] chosen = labels == null ? null : labels(indices, 0, indices.length);
        return new ImageDataset(name, tensorOf(indices, 0, indices.length), chosen, classes);
    }

    /**
     * These images followed by their left-right mirror images (the second half's image {@code i} is
     * the first half's, flipped), labels repeated; this dataset is left as it is.
     */
    ImageDataset mirrored() {
        try (var scope = new PointerScope()) {
            Tensor both = torch.cat(new TensorVector(images, images.flip(3)));
            int[] twice = null;
            if (labels != null) {
                twice = Arrays.copyOf(labels, 2 * labels.length);
                System.arraycopy(labels, 0, twice, labels.length, labels.length);
            }
            return new ImageDataset(name, both, twice, classes);
        }
    }

    @Override
    public void close() {
        images.close();
    }
}
