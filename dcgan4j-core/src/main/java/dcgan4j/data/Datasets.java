package dcgan4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The one way in: a {@link DataRequest} becomes an {@link ImageDataset} of the requested shape. */
public final class Datasets {
    private Datasets() {}

    /**
     * Loads (downloading missing files of public datasets when {@code downloader} is not null), keeps
     * the requested subset, brings the images to the requested side and channels, then adds mirror
     * images. The subset is chosen before anything else sees the data, so an epoch is the subset.
     *
     * @throws IllegalArgumentException when the subset asks for more images than the data has
     */
    public static ImageDataset load(DataRequest r, Downloader downloader) throws IOException {
        DatasetFiles files = new DatasetFiles(downloader);
        ImageDataset raw = switch (r.kind()) {
            case SYNTHETIC -> SyntheticDigits.generate(r.syntheticCount(), r.seed());
            case MNIST -> MnistFamily.load("mnist", MnistFamily.MNIST, r.directory(), r.split(), files);
            case FASHION_MNIST ->
                MnistFamily.load("fashion-mnist", MnistFamily.FASHION, r.directory(), r.split(), files);
            case CIFAR10 -> Cifar10.load(r.directory(), r.split(), files);
            case FOLDER ->
                ImageFolder.load(
                        r.dataDir(), r.imageSize(), r.channels(), r.crop(), r.folderCache() ? r.cacheDir() : null);
        };
        ImageDataset chosen =
                replace(raw, r.subset() == 0 ? raw : raw.select(Subset.indices(raw, r.subset(), r.seed())));
        ImageDataset shaped = replace(chosen, chosen.reshaped(r.imageSize(), r.channels()));
        return r.mirror() ? replace(shaped, shaped.mirrored()) : shaped;
    }

    /** {@code next}, closing {@code previous} when it is another dataset. */
    private static ImageDataset replace(ImageDataset previous, ImageDataset next) {
        if (next != previous) {
            previous.close();
        }
        return next;
    }

    /**
     * The files MNIST and Fashion-MNIST read for the request's split, for recording which data a
     * model was trained on; empty for data that is not read from fixed files.
     */
    public static List<Path> sourceFiles(DataRequest r) {
        return switch (r.kind()) {
            case MNIST -> MnistFamily.files(MnistFamily.MNIST, r.directory(), r.split());
            case FASHION_MNIST -> MnistFamily.files(MnistFamily.FASHION, r.directory(), r.split());
            case CIFAR10, SYNTHETIC, FOLDER -> List.of();
        };
    }

    /**
     * Images like the training data that the model never saw, for comparing against (memorization
     * check): the test split of datasets that have one, other built-in digits (another seed), or
     * {@code null} for an image folder, which has no held-out part; all of them, whatever subset
     * the training took.
     */
    public static DataRequest heldOut(DataRequest training) {
        return switch (training.kind()) {
            case MNIST, FASHION_MNIST, CIFAR10 ->
                training.split() != Split.TRAIN
                        ? null
                        : training.allImages().toBuilder().split(Split.TEST).build();
            case SYNTHETIC ->
                training.allImages().toBuilder().seed(~training.seed()).build();
            case FOLDER -> null;
        };
    }

    /**
     * Single image files brought to the model's shape exactly as folder images are (shorter side
     * resized, centre crop): for looking at how a trained network sees one's own pictures.
     *
     * @throws IOException naming the first file that cannot be read as an image
     */
    public static ImageDataset files(List<Path> files, int side, int channels) throws IOException {
        int per = channels * side * side;
        byte[] pixels = new byte[files.size() * per];
        for (int i = 0; i < files.size(); i++) {
            try {
                System.arraycopy(ImageDecoder.decode(files.get(i), side, channels, null), 0, pixels, i * per, per);
            } catch (IOException e) {
                throw new IOException(files.get(i) + ": " + e.getMessage(), e);
            }
        }
        return ImageDataset.of("images", pixels, files.size(), channels, side, null, 0);
    }
}
