package dcgan4j.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * CIFAR-10's binary version: batches of records {@code <1 label byte><3072 pixel bytes>}, the pixels
 * as 32×32 red, then green, then blue planes. Read from the unpacked {@code .bin} files or straight
 * out of {@code cifar-10-binary.tar.gz}.
 */
final class Cifar10 {
    static final RemoteFile ARCHIVE = RemoteFile.at(
            "https://www.cs.toronto.edu/~kriz/", "cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530");
    static final int SIDE = 32;
    private static final int RECORD = 1 + 3 * SIDE * SIDE;
    private static final String FOLDER = "cifar-10-batches-bin";

    private Cifar10() {}

    static ImageDataset load(Path dir, Split split, DatasetFiles fetcher) throws IOException {
        List<String> wanted = new ArrayList<>();
        if (split.includesTrain()) {
            for (int i = 1; i <= 5; i++) {
                wanted.add("data_batch_" + i + ".bin");
            }
        }
        if (split.includesTest()) {
            wanted.add("test_batch.bin");
        }
        Map<String, byte[]> batches = fromFiles(dir, wanted);
        if (batches == null) {
            batches = fromArchive(fetcher.ensure("CIFAR-10", dir, ARCHIVE), wanted);
        }
        return decode(batches, wanted);
    }

    /** The batch files if all are unpacked in {@code dir} or {@code dir/cifar-10-batches-bin}, else null. */
    private static Map<String, byte[]> fromFiles(Path dir, List<String> wanted) throws IOException {
        for (Path base : List.of(dir.resolve(FOLDER), dir)) {
            if (wanted.stream().allMatch(name -> Files.isRegularFile(base.resolve(name)))) {
                Map<String, byte[]> batches = new LinkedHashMap<>();
                for (String name : wanted) {
                    batches.put(name, Files.readAllBytes(base.resolve(name)));
                }
                return batches;
            }
        }
        return null;
    }

    private static Map<String, byte[]> fromArchive(Path archive, List<String> wanted) throws IOException {
        Map<String, byte[]> batches = new LinkedHashMap<>();
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                TarArchiveInputStream tar = new TarArchiveInputStream(Gzip.open(file, archive))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                String name = Path.of(e.getName()).getFileName().toString();
                if (e.isFile() && wanted.contains(name)) {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream((int) e.getSize());
                    tar.transferTo(bytes);
                    batches.put(name, bytes.toByteArray());
                }
            }
        }
        for (String name : wanted) {
            if (!batches.containsKey(name)) {
                throw new IOException(archive + " has no " + name);
            }
        }
        return batches;
    }

    private static ImageDataset decode(Map<String, byte[]> batches, List<String> order) throws IOException {
        int count = 0;
        for (String name : order) {
            byte[] b = batches.get(name);
            if (b.length == 0 || b.length % RECORD != 0) {
                throw new IOException("CIFAR-10 " + name + " is " + b.length + " bytes, not a whole number of " + RECORD
                        + "-byte records (truncated?)");
            }
            count += b.length / RECORD;
        }
        byte[] pixels = new byte[count * (RECORD - 1)];
        int[] labels = new int[count];
        int i = 0;
        for (String name : order) {
            byte[] b = batches.get(name);
            for (int r = 0; r < b.length / RECORD; r++, i++) {
                labels[i] = b[r * RECORD] & 0xff;
                if (labels[i] > 9) {
                    throw new IOException("CIFAR-10 " + name + " record " + r + " has label " + labels[i]);
                }
                System.arraycopy(b, r * RECORD + 1, pixels, i * (RECORD - 1), RECORD - 1);
            }
        }
        return ImageDataset.of("cifar10", pixels, count, 3, SIDE, labels, 10);
    }
}
