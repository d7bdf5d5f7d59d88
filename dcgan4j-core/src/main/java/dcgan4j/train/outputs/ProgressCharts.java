package dcgan4j.train.outputs;

import dcgan4j.run.RunDirectory;
import dcgan4j.sample.AnimatedGif;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Redraws a run's charts from its metrics.csv and its progress GIF from all grids so far whenever a
 * checkpoint is written (epoch ends, the checkpoint interval, a stop) — from the files, so a resumed
 * run's charts cover its whole history, and on the checkpoints' cadence, so a small dataset's short
 * epochs do not each redraw them.
 */
public final class ProgressCharts implements TrainingListener {
    /** More frames than this are thinned evenly (the first and last always stay). */
    static final int MAX_GIF_FRAMES = 120;

    private static final int FRAME_MS = 200;
    private static final int LAST_FRAME_MS = 2000;

    private final RunDirectory run;

    public ProgressCharts(RunDirectory run) {
        this.run = run;
    }

    @Override
    public void checkpointSaved(long step, Path file) {
        try {
            TrainingCharts.write(
                    MetricsCsv.read(run.metrics()), run.lossPlot(), run.discriminatorPlot(), run.fidPlot());
            List<Path> grids = run.fakeSampleFiles();
            List<BufferedImage> frames = new ArrayList<>();
            int count = Math.min(grids.size(), MAX_GIF_FRAMES);
            for (int i = 0; i < count; i++) {
                int index = count == 1 ? 0 : (int) Math.round(i * (grids.size() - 1) / (double) (count - 1));
                frames.add(ImageIO.read(grids.get(index).toFile()));
            }
            if (!frames.isEmpty()) {
                AnimatedGif.write(frames, FRAME_MS, LAST_FRAME_MS, run.progressGif());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
