package dcgan4j.monitor;

import dcgan4j.train.outputs.Quality;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a run's TensorBoard event file: the step's scalars, FID and KID, the sample grids, the
 * configuration and the failure-watch warnings, so TensorBoard (and W&B or Aim, which import event
 * files) show a run as it trains. A resumed run continues in a new file after its checkpoint's step,
 * so every step appears once.
 *
 * <p>Cheap enough to be always on: a step's scalars are one small record in a buffer; the buffer goes
 * to the file at each grid, evaluation, warning and checkpoint, and otherwise with the first record
 * written {@link #FLUSH_INTERVAL} or more after the last flush, so a reader is never far behind and a
 * killed run loses little. An I/O error stops the run, like a full disk anywhere else in it.
 */
public final class EventFileListener implements TrainingListener {
    /** Longest time a record waits in the buffer, as long as records keep coming. */
    public static final Duration FLUSH_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(EventFileListener.class);

    private final int logEvery;
    private final Duration flushInterval;
    private TfRecordWriter writer;
    private Path file;
    private long startStep;
    private Path realSamples;

    /** @param logEvery steps between scalar records (FID, KID, images and text are always written) */
    public EventFileListener(int logEvery) {
        this(logEvery, FLUSH_INTERVAL);
    }

    /** @param flushInterval the longest a record waits in the buffer while records keep coming */
    public EventFileListener(int logEvery, Duration flushInterval) {
        if (logEvery < 1) {
            throw new IllegalArgumentException("steps between logged scalars must be at least 1, got " + logEvery);
        }
        this.logEvery = logEvery;
        this.flushInterval = flushInterval;
    }

    /** The file this run writes to; null before {@link #started}. */
    public Path file() {
        return file;
    }

    @Override
    public void started(Plan plan) {
        io(() -> {
            startStep = plan.startStep();
            if (startStep > 0) {
                int dropped = EventFiles.keepUpTo(plan.runDir(), startStep);
                if (dropped > 0) {
                    LOG.info(
                            "events: dropped {} records logged after step {}, the checkpoint resumed from",
                            dropped,
                            startStep);
                }
            }
            file = EventFiles.newFile(plan.runDir());
            writer = new TfRecordWriter(file, flushInterval);
            writer.write(Events.fileVersion(now()));
            if (!plan.configText().isEmpty()) {
                writer.write(Events.text(now(), startStep, "config", codeBlock(plan.configText())));
            }
            writer.flush();
        });
        if (realSamples != null) {
            image(startStep, "samples/real", realSamples);
        }
    }

    /** May come before {@link #started}, while the file is not open yet; the grid then waits for it. */
    @Override
    public void realSamplesSaved(Path png) {
        if (writer == null) {
            realSamples = png;
        } else {
            image(startStep, "samples/real", png);
        }
    }

    @Override
    public void stepDone(Progress p) {
        if (p.step() % logEvery != 0) {
            return;
        }
        StepMetrics m = p.metrics();
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("loss/D", m.lossD());
        values.put("loss/G", m.lossG());
        values.put("D(x)", m.dX());
        values.put("D(G(z))/before_D_update", m.dGz1());
        values.put("D(G(z))/after_D_update", m.dGz2());
        values.put("speed/images_per_second", p.imagesPerSecond());
        values.put("lr/G", p.lrG());
        values.put("lr/D", p.lrD());
        if (p.ada() != null) {
            values.put("augment/ada_p", p.ada().p());
            values.put("augment/ada_rt", p.ada().rt());
        }
        io(() -> writer.write(Events.scalars(now(), p.step(), values)));
    }

    @Override
    public void samplesSaved(long step, Path png) {
        image(step, "samples/fixed_noise", png);
    }

    @Override
    public void evaluated(long step, Quality quality, boolean best) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("quality/FID", quality.fid());
        values.put("quality/KID", quality.kid());
        io(() -> {
            writer.write(Events.scalars(now(), step, values));
            writer.flush();
        });
    }

    @Override
    public void warning(long step, String message) {
        io(() -> {
            writer.write(Events.text(now(), step, "warnings", message));
            writer.flush();
        });
    }

    @Override
    public void checkpointSaved(long step, Path checkpoint) {
        io(writer::flush);
    }

    /** Closes the file; nothing to do when the run failed before this listener {@link #started}. */
    @Override
    public void ended(long step, Ending how) {
        if (writer != null) {
            io(writer::close);
        }
    }

    private void image(long step, String tag, Path png) {
        io(() -> {
            writer.write(Events.image(now(), step, tag, PngImage.read(png)));
            writer.flush();
        });
    }

    /** Markdown keeps YAML's lines and indentation only in a code block. */
    private static String codeBlock(String text) {
        return text.strip().indent(4);
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException("TensorBoard event file: " + e.getMessage(), e);
        }
    }
}
