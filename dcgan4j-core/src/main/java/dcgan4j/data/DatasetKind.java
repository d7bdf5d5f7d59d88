package dcgan4j.data;

import java.util.Locale;

/**
 * The datasets dcgan4j reads, with the image shape each brings unless the model asks for another,
 * and the batch size that trains it well. MNIST-type data gets 32: one epoch is then 1,875 steps,
 * enough for legible digits; at 128 (469 steps) one epoch still gives blobs.
 */
public enum DatasetKind {
    SYNTHETIC(28, 1, 128, 10),
    MNIST(28, 1, 32, 10),
    FASHION_MNIST(28, 1, 32, 10),
    CIFAR10(32, 3, 64, 10),
    FOLDER(64, 3, 64, 0);

    private final int imageSize;
    private final int channels;
    private final int batchSize;
    private final int classes;

    DatasetKind(int imageSize, int channels, int batchSize, int classes) {
        this.imageSize = imageSize;
        this.channels = channels;
        this.batchSize = batchSize;
        this.classes = classes;
    }

    /** Classes of the labels the data comes with; 0 for folders, which have none. */
    public int classes() {
        return classes;
    }

    /** The default mini-batch for this data (pytorch/examples uses 64 for CIFAR-10 and CelebA). */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Whether a left-right mirror image is another example of the same data: not for digits, where
     * it is another symbol (or none); clothes, photographs and objects stay what they were.
     */
    public boolean mirrorable() {
        return this != MNIST && this != SYNTHETIC;
    }

    /** Side of the images as stored (for folders: the default target side). */
    public int imageSize() {
        return imageSize;
    }

    public int channels() {
        return channels;
    }

    /** The name users type: {@code synthetic}, {@code mnist}, {@code fashion-mnist}, {@code cifar10}, {@code folder}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static DatasetKind fromId(String id) {
        for (DatasetKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException(
                "unknown dataset '" + id + "' (synthetic, mnist, fashion-mnist, cifar10, folder)");
    }
}
