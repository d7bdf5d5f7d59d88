package dcgan4j.dashboard;

import dcgan4j.train.outputs.MetricsCsv;
import dcgan4j.train.outputs.MetricsCsv.Row;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows a run's {@code metrics.csv} as it grows: each look reads only the bytes added since the
 * last one, and only whole lines, so a page polling a long run costs the server a few hundred bytes
 * per request instead of the whole file. A file that shrank or got another header (a resumed run
 * rewrites it) is read again from the start.
 */
final class MetricsTail {
    private final Path file;
    private final List<Row> rows = new ArrayList<>();
    private String header;
    private long offset;

    MetricsTail(Path file) {
        this.file = file;
    }

    /** The rows after {@code step}, in step order. */
    synchronized List<Row> after(long step) throws IOException {
        refresh();
        int lo = 0;
        int hi = rows.size();
        while (lo < hi) { // first row past `step`
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid).step() <= step) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return List.copyOf(rows.subList(lo, rows.size()));
    }

    /** The newest row, null while there is none. */
    synchronized Row last() throws IOException {
        refresh();
        return rows.isEmpty() ? null : rows.get(rows.size() - 1);
    }

    private void refresh() throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            long size = channel.size();
            if (size < offset || header != null && !header.equals(firstLine(channel))) {
                rows.clear();
                header = null;
                offset = 0;
            }
            if (size == offset) {
                return;
            }
            ByteBuffer added = ByteBuffer.allocate((int) Math.min(size - offset, Integer.MAX_VALUE - 16));
            channel.read(added, offset);
            String text = new String(added.array(), 0, added.position(), StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n') + 1; // whole lines only: the writer may be mid-line
            for (String line : text.substring(0, end).split("\n")) {
                consume(line.strip());
            }
            offset += text.substring(0, end).getBytes(StandardCharsets.UTF_8).length;
        }
    }

    private void consume(String line) throws IOException {
        if (header == null) {
            if (!MetricsCsv.isHeader(line)) {
                throw new IOException(file + " is not a dcgan4j metrics file");
            }
            header = line;
        } else if (!line.isEmpty()) {
            Row row = MetricsCsv.parse(header, line);
            if (row != null) {
                rows.add(row);
            }
        }
    }

    private String firstLine(FileChannel channel) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(header.length() + 1);
        channel.read(start, 0);
        return new String(start.array(), 0, start.position(), StandardCharsets.UTF_8).strip();
    }
}
