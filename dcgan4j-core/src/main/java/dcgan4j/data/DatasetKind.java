package dcgan4j.data;

import java.util.Locale;

/** The datasets dcgan4j reads, with the image shape each brings unless the model asks for another. */
public enum DatasetKind {
    SYNTHETIC(28, 1),
    MNIST(28, 1),
    FASHION_MNIST(28, 1),
    CIFAR10(32, 3),
    FOLDER(64, 3);

    private final int imageSize;
    private final int channels;

    DatasetKind(int imageSize, int channels) {
        this.imageSize = imageSize;
        this.channels = channels;
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
        throw new IllegalArgumentException("unknown dataset '" + id + "' (synthetic, mnist, fashion-mnist, cifar10, folder)");
    }
}
