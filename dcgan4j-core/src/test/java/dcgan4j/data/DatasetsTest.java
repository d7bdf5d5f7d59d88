package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
    @TempDir
    Path dir;

    private static DataRequest request(DatasetKind kind, Path data, Split split) {
        return DataRequest.builder(kind)
                .dataDir(data)
                .split(split)
                .cacheDir(data.resolve("cache"))
                .folderCache(false)
                .syntheticCount(0)
                .build();
    }

    @Test
    void mnistSplitsFromTheOriginalFiles() throws IOException {
        Path mnist = SharedData.dir("mnist");
        try (var train = Datasets.load(request(DatasetKind.MNIST, mnist, Split.TRAIN), null);
                var test = Datasets.load(request(DatasetKind.MNIST, mnist, Split.TEST), null)) {
            assertThat(train.size()).isEqualTo(60_000);
            assertThat(test.size()).isEqualTo(10_000);
            assertThat(train.imageSize()).isEqualTo(28);
            assertThat(train.label(0)).isEqualTo(5); // the well-known first training digit
            assertThat(test.label(0)).isEqualTo(7);
            assertThat(train.classes()).isEqualTo(10);
        }
    }

    @Test
    void fashionMnistAllSplitsTogether() throws IOException {
        try (var all =
                Datasets.load(request(DatasetKind.FASHION_MNIST, SharedData.dir("fashion-mnist"), Split.ALL), null)) {
            assertThat(all.size()).isEqualTo(70_000);
            assertThat(all.label(0)).isEqualTo(9); // ankle boot
            assertThat(all.label(60_000)).isEqualTo(9); // first test image: ankle boot too
        }
    }

    @Test
    void brokenIdxFilesAreErrorsNotShortDatasets() throws IOException {
        Path images = idx("images.gz", 0x803, 3, 28, 28, new byte[2 * 28 * 28]); // announces 3, holds 2
        Path labels = idx("labels.gz", 0x801, 3, -1, -1, new byte[3]);
        assertThatThrownBy(() -> IdxFiles.read(images, labels, 10)).hasMessageContaining("is truncated");

        Path wrongMagic = idx("magic.gz", 0x801, 1, 28, 28, new byte[28 * 28]);
        assertThatThrownBy(() -> IdxFiles.read(wrongMagic, labels, 10)).hasMessageContaining("wrong magic number");

        Path two = idx("two.gz", 0x803, 2, 28, 28, new byte[2 * 28 * 28]);
        assertThatThrownBy(() -> IdxFiles.read(two, labels, 10))
                .hasMessageContaining("holds 3 labels but the images file 2 images");
    }

    @Test
    void labelsOutsideTheTenClassesNameTheFileAndTheValue() throws IOException {
        idx("train-images-idx3-ubyte.gz", 0x803, 3, 28, 28, new byte[3 * 28 * 28]);
        Path labels = idx("train-labels-idx1-ubyte.gz", 0x801, 3, -1, -1, new byte[] {9, 0, (byte) 200});
        assertThatThrownBy(() -> Datasets.load(request(DatasetKind.MNIST, dir, Split.TRAIN), null))
                .isInstanceOf(IOException.class)
                .hasMessage(labels + ": label 200 at index 2 is not a class 0-9");
    }

    @Test
    void gzFilesThatAreNotGzipAreNamed() throws IOException {
        Path images = Files.write(dir.resolve("train-images-idx3-ubyte.gz"), new byte[] {0, 0, 8, 3, 0, 0, 0, 1});
        idx("train-labels-idx1-ubyte.gz", 0x801, 1, -1, -1, new byte[1]);
        assertThatThrownBy(() -> Datasets.load(request(DatasetKind.MNIST, dir, Split.TRAIN), null))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(images + " is not gzip data");

        Path cifar = Files.createDirectories(dir.resolve("cifar"));
        Path archive = Files.writeString(cifar.resolve("cifar-10-binary.tar.gz"), "<html>an error page</html>");
        assertThatThrownBy(() -> Datasets.load(request(DatasetKind.CIFAR10, cifar, Split.TEST), null))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(archive + " is not gzip data");
    }

    @Test
    void missingFilesWithoutDownloadSayWhatToPutWhere() {
        assertThatThrownBy(() -> Datasets.load(request(DatasetKind.MNIST, dir, Split.TRAIN), null))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("train-images-idx3-ubyte.gz")
                .hasMessageContaining("into " + dir);
    }

    @Test
    void cifar10FromUnpackedBatchesAndFromTheArchive() throws IOException {
        Path unpacked = Files.createDirectories(dir.resolve("unpacked/cifar-10-batches-bin"));
        Path archive = dir.resolve("archive");
        Files.createDirectories(archive);
        try (OutputStream f = Files.newOutputStream(archive.resolve("cifar-10-binary.tar.gz"));
                var tar = new TarArchiveOutputStream(new GZIPOutputStream(f))) {
            for (String name : new String[] {
                "data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch"
            }) {
                byte[] batch = cifarBatch(name.equals("test_batch") ? 3 : 2);
                Files.write(unpacked.resolve(name + ".bin"), batch);
                TarArchiveEntry e = new TarArchiveEntry("cifar-10-batches-bin/" + name + ".bin");
                e.setSize(batch.length);
                tar.putArchiveEntry(e);
                tar.write(batch);
                tar.closeArchiveEntry();
            }
        }
        for (Path source : new Path[] {dir.resolve("unpacked"), archive}) {
            try (var scope = new PointerScope();
                    var cifar = Datasets.load(request(DatasetKind.CIFAR10, source, Split.ALL), null)) {
                assertThat(cifar.size()).isEqualTo(13);
                assertThat(cifar.channels()).isEqualTo(3);
                assertThat(cifar.label(1)).isEqualTo(1);
                Tensor red = cifar.batch(new int[] {0}, 0, 1); // record 0 is pure red: R plane first
                assertThat(red.select(1, 0).min().item_float()).isEqualTo(1f);
                assertThat(red.select(1, 1).max().item_float()).isEqualTo(-1f);
            }
        }
        Files.write(unpacked.resolve("test_batch.bin"), new byte[100]);
        assertThatThrownBy(() -> Datasets.load(request(DatasetKind.CIFAR10, dir.resolve("unpacked"), Split.TEST), null))
                .hasMessageContaining("not a whole number of 3073-byte records");
    }

    private static byte[] cifarBatch(int records) {
        byte[] b = new byte[records * 3073];
        for (int r = 0; r < records; r++) {
            b[r * 3073] = (byte) r; // label r
            java.util.Arrays.fill(b, r * 3073 + 1, r * 3073 + 1 + 1024, (byte) 255); // red plane full
        }
        return b;
    }

    private Path idx(String name, int magic, int count, int rows, int cols, byte[] data) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (var out = new DataOutputStream(new GZIPOutputStream(raw))) {
            out.writeInt(magic);
            out.writeInt(count);
            if (rows > 0) {
                out.writeInt(rows);
                out.writeInt(cols);
            }
            out.write(data);
        }
        return Files.write(dir.resolve(name), raw.toByteArray());
    }
}
