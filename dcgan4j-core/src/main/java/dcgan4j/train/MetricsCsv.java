package dcgan4j.train;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** One CSV row per training step, flushed as it is written so a crash loses at most one row. */
public final class MetricsCsv implements AutoCloseable {
    public static final String HEADER = "step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,images_per_s";
    private final BufferedWriter out;

    public MetricsCsv(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        out.write(HEADER);
        out.newLine();
        out.flush();
    }

    public void append(long step, int epoch, StepMetrics m, double imagesPerSecond) throws IOException {
        out.write(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.1f",
                step, epoch, m.lossD(), m.lossG(), m.dX(), m.dGz1(), m.dGz2(), imagesPerSecond));
        out.newLine();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
