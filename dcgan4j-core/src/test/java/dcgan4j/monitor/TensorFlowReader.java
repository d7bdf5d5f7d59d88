package dcgan4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Reads event files as TensorBoard does, independently of the code under test: TFRecord framing
 * checked here from the format's definition, the records parsed by TensorFlow's own generated classes.
 */
final class TensorFlowReader {
    /** A summary value with the step and wall time of its event. */
    record Entry(long step, double wallTime, Summary.Value value) {
        String tag() {
            return value.getTag();
        }
    }

    private TensorFlowReader() {}

    /** Every record of a file that must end with a complete record; every checksum must match. */
    static List<Event> events(Path file) throws IOException {
        return read(file, false);
    }

    /** The complete records before a cut-off tail. */
    static List<Event> intactEvents(Path file) throws IOException {
        return read(file, true);
    }

    /** The summary values of all event files in {@code dir}, file by file in name order, as TensorBoard reads them. */
    static List<Entry> entries(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().contains("tfevents"))
                    .sorted()
                    .toList()) {
                List<Event> events = events(file);
                assertThat(events.get(0).getFileVersion()).isEqualTo("brain.Event:2");
                for (Event e : events.subList(1, events.size())) {
                    e.getSummary().getValueList().forEach(v -> entries.add(new Entry(e.getStep(), e.getWallTime(), v)));
                }
            }
        }
        return entries;
    }

    private static List<Event> read(Path file, boolean tailMayBeCut) throws IOException {
        List<Event> events = new ArrayList<>();
        try (InputStream raw = Files.newInputStream(file);
                var in = new DataInputStream(raw)) {
            while (true) {
                byte[] header = new byte[8];
                int got = in.readNBytes(header, 0, 8);
                if (got == 0) {
                    return events;
                }
                try {
                    if (got < 8) {
                        throw new EOFException();
                    }
                    int lengthCrc = Integer.reverseBytes(in.readInt());
                    assertThat(lengthCrc).as("masked CRC32C of the length").isEqualTo(masked(header));
                    long length =
                            Long.reverseBytes(java.nio.ByteBuffer.wrap(header).getLong());
                    byte[] data = in.readNBytes((int) length);
                    if (data.length < length) {
                        throw new EOFException();
                    }
                    int dataCrc = Integer.reverseBytes(in.readInt());
                    assertThat(dataCrc).as("masked CRC32C of the data").isEqualTo(masked(data));
                    events.add(Event.parseFrom(data));
                } catch (EOFException cut) {
                    assertThat(tailMayBeCut)
                            .as("a complete last record in " + file)
                            .isTrue();
                    return events;
                }
            }
        }
    }

    private static int masked(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return Integer.rotateRight(c, 15) + 0xa282ead8;
    }
}
