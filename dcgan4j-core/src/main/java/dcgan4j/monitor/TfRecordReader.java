package dcgan4j.monitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads back what {@link TfRecordWriter} wrote, up to the first record that is cut off or fails a checksum. */
final class TfRecordReader {
    /**
     * The intact records of a file; {@code damaged} when bytes follow them that are not a whole,
     * valid record (the tail a killed writer left).
     */
    record Contents(List<byte[]> records, boolean damaged) {}

    private TfRecordReader() {}

    static Contents read(Path file) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> records = new ArrayList<>();
        int end = 0; // just after the last intact record
        while (in.remaining() >= 12) {
            int start = in.position();
            long length = in.getLong();
            if (in.getInt() != TfRecordWriter.maskedCrc(in.array(), start, 8) || length > in.remaining() - 4) {
                break;
            }
            byte[] record = new byte[(int) length];
            in.get(record);
            if (in.getInt() != TfRecordWriter.maskedCrc(record, 0, record.length)) {
                break;
            }
            records.add(record);
            end = in.position();
        }
        return new Contents(records, end < in.limit());
    }
}
