package dcgan4j.train;

import dcgan4j.data.ImageDataset;
import dcgan4j.model.Generator;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.AnimatedGif;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/** The pictures a run leaves for people: sample grids, the two charts and the progress GIF. */
final class RunOutputs {
    private static final int GRID_COLUMNS = 8;
    /** More frames than this are thinned evenly (the first and last always stay). */
    static final int MAX_GIF_FRAMES = 120;
    private static final int FRAME_MS = 200;
    private static final int LAST_FRAME_MS = 2000;

    private final RunDirectory run;
    private final TrainingListener listener;

    RunOutputs(RunDirectory run, TrainingListener listener) {
        this.run = run;
        this.listener = listener;
    }

    void realSamples(ImageDataset data, int[] firstEpochOrder, int sampleCount) throws IOException {
        try (var scope = new PointerScope()) {
            int count = Math.min(sampleCount, data.size());
            ImageGrid.save(data.batch(firstEpochOrder, 0, count), GRID_COLUMNS, run.realSamples());
        }
    }

    /** @param fixedLabels the fixed noise's classes (a conditional model), else null */
    void fakeSamples(Generator generator, Tensor fixedNoise, Tensor fixedLabels, long step) throws IOException {
        try (var scope = new PointerScope()) {
            ImageGrid.save(Sampler.generate(generator, fixedNoise, fixedLabels), GRID_COLUMNS, run.fakeSamples(step));
        }
        listener.samplesSaved(step, run.fakeSamples(step));
    }

    /** Redraws the charts from metrics.csv and the GIF from all grids so far. */
    void epochEnd() throws IOException {
        TrainingCharts.write(MetricsCsv.read(run.metrics()), run.lossPlot(), run.discriminatorPlot());
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
    }
}
