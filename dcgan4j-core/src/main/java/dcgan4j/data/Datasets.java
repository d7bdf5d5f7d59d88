package dcgan4j.data;

import java.io.IOException;

/** The one way in: a {@link DataRequest} becomes an {@link ImageDataset} of the requested shape. */
public final class Datasets {
    private Datasets() {}

    /**
     * Loads (downloading missing files of public datasets when {@code downloader} is not null), then
     * brings the images to the requested side and channels.
     */
    public static ImageDataset load(DataRequest r, Downloader downloader) throws IOException {
        DatasetFiles files = new DatasetFiles(downloader);
        ImageDataset raw = switch (r.kind()) {
            case SYNTHETIC -> SyntheticDigits.generate(r.syntheticCount(), r.seed());
            case MNIST -> MnistFamily.load("mnist", MnistFamily.MNIST, r.directory(), r.split(), files);
            case FASHION_MNIST -> MnistFamily.load("fashion-mnist", MnistFamily.FASHION, r.directory(), r.split(), files);
            case CIFAR10 -> Cifar10.load(r.directory(), r.split(), files);
            case FOLDER -> ImageFolder.load(r.dataDir(), r.imageSize(), r.channels(), r.crop(),
                    r.folderCache() ? r.cacheDir() : null);
        };
        ImageDataset shaped = raw.reshaped(r.imageSize(), r.channels());
        if (shaped != raw) {
            raw.close();
        }
        return shaped;
    }
}
