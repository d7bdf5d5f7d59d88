package dcgan4j.monitor;

import dcgan4j.io.AtomicFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The event files of a run directory: TensorBoard reads every file with "tfevents" in its name, in
 * name order, as one run — so new files are named to sort after the existing ones, and a resumed run
 * first takes back the steps that a killed process logged after its last checkpoint.
 */
final class EventFiles {
    private static final String PREFIX = "events.out.tfevents.";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d{10})\\..*");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private EventFiles() {}

    /**
     * A new file's path, {@code events.out.tfevents.<seconds>.<host>.<pid>.<n>} as TensorFlow names
     * them; the seconds are moved past those of any existing file so that it is read last.
     */
    static Path newFile(Path dir) throws IOException {
        long seconds = System.currentTimeMillis() / 1000;
        for (Path file : list(dir)) {
            Matcher m = OURS.matcher(file.getFileName().toString());
            if (m.matches()) {
                seconds = Math.max(seconds, Long.parseLong(m.group(1)) + 1);
            }
        }
        return dir.resolve(String.format(
                "%s%010d.%s.%d.%d",
                PREFIX, seconds, host(), ProcessHandle.current().pid(), COUNTER.getAndIncrement()));
    }

    /**
     * Leaves in {@code dir}'s event files only the records up to {@code step}: each file with a later
     * record or a damaged tail is rewritten atomically without them, or deleted when nothing but its
     * file-version record would remain.
     *
     * @return how many records were dropped
     */
    static int keepUpTo(Path dir, long step) throws IOException {
        int dropped = 0;
        for (Path file : list(dir)) {
            TfRecordReader.Contents contents = TfRecordReader.read(file);
            List<byte[]> kept = new ArrayList<>();
            for (byte[] record : contents.records()) {
                if (Events.step(record) <= step) {
                    kept.add(record);
                }
            }
            if (kept.size() == contents.records().size() && !contents.damaged()) {
                continue;
            }
            dropped += contents.records().size() - kept.size();
            if (kept.size() <= 1) {
                Files.delete(file);
            } else {
                AtomicFiles.write(file, out -> {
                    for (byte[] record : kept) {
                        TfRecordWriter.frame(out, record);
                    }
                });
            }
        }
        return dropped;
    }

    /** Event files, not counting the hidden temporary files of a rewrite. */
    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_-]", "_");
        } catch (IOException e) {
            return "localhost";
        }
    }
}
