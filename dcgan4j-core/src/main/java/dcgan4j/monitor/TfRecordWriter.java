package dcgan4j.monitor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.zip.CRC32C;

/**
 * Appends TFRecords — the framing of TensorBoard's event files: uint64 length, masked CRC32C of the
 * length, the bytes, masked CRC32C of the bytes, all little-endian. Records are buffered and handed to
 * the operating system at {@link #flush()} and whenever a record is written more than the flush interval
 * after the last flush, so a reader follows along and a killed process loses only the unflushed tail; a
 * record cut in half by the kill fails its length or data checksum, and readers stop there.
 */
final class TfRecordWriter implements AutoCloseable {
    private static final int MASK_DELTA = 0xa282ead8;

    private final FileChannel channel;
    private final OutputStream out;
    private final long flushIntervalNanos;
    private long lastFlush = System.nanoTime();

    /** Creates {@code file}, which must not exist yet. */
    TfRecordWriter(Path file, Duration flushInterval) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.flushIntervalNanos = flushInterval.toNanos();
    }

    void write(byte[] record) throws IOException {
        frame(out, record);
        if (System.nanoTime() - lastFlush >= flushIntervalNanos) {
            flush();
        }
    }

    /** Hands everything written so far to the operating system (enough to survive a killed process). */
    void flush() throws IOException {
        out.flush();
        lastFlush = System.nanoTime();
    }

    /** Flushes and forces the file to disk. */
    @Override
    public void close() throws IOException {
        try (channel) {
            flush();
            channel.force(true);
        }
    }

    /** Writes one framed record to {@code out}. */
    static void frame(OutputStream out, byte[] record) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(record.length).putInt(maskedCrc(header.array(), 0, 8));
        out.write(header.array());
        out.write(record);
        out.write(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(maskedCrc(record, 0, record.length))
                .array());
    }

    /** TFRecord's CRC32C, rotated and offset so that a CRC stored over data with CRCs in it stays strong. */
    static int maskedCrc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }
}
