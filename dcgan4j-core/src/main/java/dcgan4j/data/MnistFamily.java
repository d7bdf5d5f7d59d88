package dcgan4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** MNIST and Fashion-MNIST: the same IDX layout, different files and mirrors. */
final class MnistFamily {
    private static final String MNIST_BASE = "https://ossci-datasets.s3.amazonaws.com/mnist/";
    private static final String FASHION_BASE = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /** train images, train labels, test images, test labels, with the published MD5s. */
    static final List<RemoteFile> MNIST = List.of(
            RemoteFile.at(MNIST_BASE, "train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
            RemoteFile.at(MNIST_BASE, "train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"),
            RemoteFile.at(MNIST_BASE, "t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"),
            RemoteFile.at(MNIST_BASE, "t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"));

    static final List<RemoteFile> FASHION = List.of(
            RemoteFile.at(FASHION_BASE, "train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
            RemoteFile.at(FASHION_BASE, "train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"),
            RemoteFile.at(FASHION_BASE, "t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"),
            RemoteFile.at(FASHION_BASE, "t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"));

    private static final int CLASSES = 10;

    private MnistFamily() {}

    /** The files a split of the dataset is read from, in {@code dir}. */
    static List<Path> files(List<RemoteFile> files, Path dir, Split split) {
        List<RemoteFile> used =
                split == Split.ALL ? files : split.includesTrain() ? files.subList(0, 2) : files.subList(2, 4);
        return used.stream().map(f -> dir.resolve(f.name())).toList();
    }

    static ImageDataset load(String name, List<RemoteFile> files, Path dir, Split split, DatasetFiles fetcher)
            throws IOException {
        IdxFiles.Split train = null;
        IdxFiles.Split test = null;
        if (split.includesTrain()) {
            train = IdxFiles.read(
                    fetcher.ensure(name, dir, files.get(0)), fetcher.ensure(name, dir, files.get(1)), CLASSES);
        }
        if (split.includesTest()) {
            test = IdxFiles.read(
                    fetcher.ensure(name, dir, files.get(2)), fetcher.ensure(name, dir, files.get(3)), CLASSES);
        }
        IdxFiles.Split only = train != null ? train : test;
        if (only.rows() != only.cols()) {
            throw new IOException(name + " images are " + only.rows() + "x" + only.cols() + ", expected square images");
        }
        int count = (train == null ? 0 : train.count()) + (test == null ? 0 : test.count());
        byte[] pixels = concat(train == null ? null : train.pixels(), test == null ? null : test.pixels());
        int[] labels = new int[count];
        if (train != null) {
            System.arraycopy(train.labels(), 0, labels, 0, train.count());
        }
        if (test != null) {
            System.arraycopy(test.labels(), 0, labels, count - test.count(), test.count());
        }
        return ImageDataset.of(name, pixels, count, 1, only.rows(), labels, CLASSES);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
