package dcgan4j.train.outputs;

import dcgan4j.augment.AdaStatus;
import dcgan4j.train.step.StepMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One CSV row per training step, flushed as it is written so a crash loses at most one row. Only
 * values that depend on the run's state are written (no timings), so a resumed run's file is
 * byte-identical to an uninterrupted one. The {@code fid} and {@code kid} cells are empty on steps
 * without an evaluation; files of older runs, without these two columns, are read as well. A run with
 * ADA has two more, {@code ada_p} and {@code ada_rt} (p after the step and the latest interval's r_t);
 * other runs' files are as they were before ADA.
 */
public final class MetricsCsv implements AutoCloseable {
    private static final String LOSSES = "step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2";
    public static final String HEADER = LOSSES + ",fid,kid";
    /** The header of a run with ADA. */
    public static final String ADA_HEADER = HEADER + ",ada_p,ada_rt";

    /**
     * One parsed row; {@code quality} is null on steps without an evaluation, {@code ada} in runs
     * without ADA.
     */
    public record Row(long step, int epoch, StepMetrics metrics, Quality quality, AdaStatus ada) {}

    private final BufferedWriter out;

    private MetricsCsv(BufferedWriter out) {
        this.out = out;
    }

    /** A new file holding just the header. */
    public static MetricsCsv create(Path file) throws IOException {
        return create(file, false);
    }

    /** A new file holding just the header, with ADA's columns when {@code ada}. */
    public static MetricsCsv create(Path file, boolean ada) throws IOException {
        var csv = new MetricsCsv(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        csv.line(ada ? ADA_HEADER : HEADER);
        return csv;
    }

    /**
     * Continues a file after {@code step}: rows written after that step (by a run that went on past
     * its last checkpoint before it stopped) are dropped, so they are not there twice.
     */
    public static MetricsCsv resume(Path file, long step) throws IOException {
        List<Row> rows = read(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(lines.subList(
                0, 1 + (int) rows.stream().filter(r -> r.step() <= step).count()));
        if (kept.size() != step + 1 || (step > 0 && rows.get((int) step - 1).step() != step)) {
            throw new IOException(
                    file + " holds " + (kept.size() - 1) + " rows up to step " + step + "; expected " + step);
        }
        if (kept.get(0).equals(LOSSES)) { // a run from before the quality columns: add them, empty
            kept.replaceAll(line -> line.equals(LOSSES) ? HEADER : line + ",,");
        }
        Files.write(file, kept, StandardCharsets.UTF_8);
        return new MetricsCsv(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
    }

    /** All rows of a metrics file. */
    public static List<Row> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !isHeader(lines.get(0))) {
            throw new IOException(file + " is not a dcgan4j metrics file (header: " + HEADER + ")");
        }
        List<Row> rows = new ArrayList<>(lines.size() - 1);
        for (String line : lines.subList(1, lines.size())) {
            Row row = parse(lines.get(0), line);
            if (row == null) {
                break; // a row cut short by a crash: everything before it is good
            }
            rows.add(row);
        }
        return rows;
    }

    /** True for the header of this format (with ADA's columns or without) or of the older one without quality columns. */
    public static boolean isHeader(String line) {
        return line.equals(HEADER) || line.equals(ADA_HEADER) || line.equals(LOSSES);
    }

    /**
     * One row of a file with {@code header}, for readers that follow a file as it grows; null when
     * the row was cut short by a crash.
     */
    public static Row parse(String header, String line) {
        String[] f = line.split(",", -1);
        if (f.length != header.split(",").length) {
            return null;
        }
        Quality quality = f.length > 7 && !f[7].isEmpty()
                ? new Quality(Double.parseDouble(f[7]), Double.parseDouble(f[8]))
                : null;
        AdaStatus ada = f.length > 10 ? new AdaStatus(Double.parseDouble(f[9]), Double.parseDouble(f[10])) : null;
        return new Row(
                Long.parseLong(f[0]),
                Integer.parseInt(f[1]),
                new StepMetrics(
                        Double.parseDouble(f[2]),
                        Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]),
                        Double.parseDouble(f[5]),
                        Double.parseDouble(f[6])),
                quality,
                ada);
    }

    /** Appends a step's row; {@code quality} may be null. */
    public void append(long step, int epoch, StepMetrics m, Quality quality) throws IOException {
        append(step, epoch, m, quality, null);
    }

    /** Appends a step's row; {@code quality} may be null, {@code ada} is null but in runs with ADA. */
    public void append(long step, int epoch, StepMetrics m, Quality quality, AdaStatus ada) throws IOException {
        line(format(step, epoch, m, quality)
                + (ada == null ? "" : String.format(Locale.ROOT, ",%.6f,%.6f", ada.p(), ada.rt())));
    }

    private static String format(long step, int epoch, StepMetrics m, Quality q) {
        return String.format(
                Locale.ROOT,
                "%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%s",
                step,
                epoch,
                m.lossD(),
                m.lossG(),
                m.dX(),
                m.dGz1(),
                m.dGz2(),
                q == null ? "," : String.format(Locale.ROOT, "%.6f,%.8f", q.fid(), q.kid()));
    }

    private void line(String text) throws IOException {
        out.write(text);
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
