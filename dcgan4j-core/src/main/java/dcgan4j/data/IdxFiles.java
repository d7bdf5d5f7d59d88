package dcgan4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST ({@code *-idx3-ubyte.gz} images,
 * {@code *-idx1-ubyte.gz} labels): big-endian int32 header, then unsigned bytes. Every header field
 * is checked against the data, so a truncated or mismatched file is an error, never a short dataset.
 */
final class IdxFiles {
    static final int IMAGES_MAGIC = 0x803;
    static final int LABELS_MAGIC = 0x801;
    private static final int MAX_COUNT = 10_000_000;

    /** Images and labels of one split. */
    record Split(byte[] pixels, int count, int rows, int cols, int[] labels) {}

    private IdxFiles() {}

    /**
     * @param classes labels must lie in {@code [0, classes)}: a file of other values would only fail
     *                deep inside training, far from the file that caused it
     */
    static Split read(Path images, Path labels, int classes) throws IOException {
        try (DataInputStream in = open(images)) {
            int count = header(in, images, IMAGES_MAGIC);
            int rows = in.readInt();
            int cols = in.readInt();
            if (rows <= 0 || cols <= 0 || rows > 4096 || cols > 4096) {
                throw new IOException(images + ": bad image size " + rows + "x" + cols);
            }
            byte[] pixels = new byte[Math.multiplyExact(count, rows * cols)];
            readFully(in, pixels, images, count + " images");
            int[] labelValues = readLabels(labels, count, classes);
            return new Split(pixels, count, rows, cols, labelValues);
        }
    }

    private static int[] readLabels(Path labels, int expected, int classes) throws IOException {
        try (DataInputStream in = open(labels)) {
            int count = header(in, labels, LABELS_MAGIC);
            if (count != expected) {
                throw new IOException(
                        labels + " holds " + count + " labels but the images file " + expected + " images");
            }
            byte[] raw = new byte[count];
            readFully(in, raw, labels, count + " labels");
            int[] values = new int[count];
            for (int i = 0; i < count; i++) {
                values[i] = raw[i] & 0xff;
                if (values[i] >= classes) {
                    throw new IOException(
                            labels + ": label " + values[i] + " at index " + i + " is not a class 0-" + (classes - 1));
                }
            }
            return values;
        }
    }

    private static int header(DataInputStream in, Path file, int magic) throws IOException {
        int found;
        int count;
        try {
            found = in.readInt();
            count = in.readInt();
        } catch (EOFException e) {
            throw new IOException(file + ": too short for an IDX header", e);
        }
        if (found != magic) {
            throw new IOException(String.format(
                    "%s: wrong magic number 0x%08x, expected 0x%08x (%s)",
                    file, found, magic, magic == IMAGES_MAGIC ? "IDX images" : "IDX labels"));
        }
        if (count <= 0 || count > MAX_COUNT) {
            throw new IOException(file + ": implausible item count " + count);
        }
        return count;
    }

    private static void readFully(DataInputStream in, byte[] into, Path file, String what) throws IOException {
        try {
            in.readFully(into);
        } catch (EOFException e) {
            throw new IOException(file + " is truncated: its header announces " + what + " but the data ends early", e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (!file.getFileName().toString().endsWith(".gz")) {
            return new DataInputStream(raw);
        }
        return new DataInputStream(new BufferedInputStream(Gzip.open(raw, file), 1 << 16));
    }
}
