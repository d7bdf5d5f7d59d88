package dcgan4j.train;

import dcgan4j.data.ImageDataset;
import dcgan4j.model.Generator;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.AnimatedGif;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/** The pictures a run leaves for people: sample grids, the charts and the progress GIF. */
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

    /**
     * The first images of the first epoch, as a grid unless the run already has it (a resumed run).
     *
     * @return their diversity ({@link FailureWatch#diversity})
     */
    double realSamples(ImageDataset data, int[] firstEpochOrder, int sampleCount) throws IOException {
        try (var scope = new PointerScope()) {
            int count = Math.min(sampleCount, data.size());
            Tensor images = data.batch(firstEpochOrder, 0, count);
            if (!Files.exists(run.realSamples())) {
                ImageGrid.save(images, GRID_COLUMNS, run.realSamples());
                listener.realSamplesSaved(run.realSamples());
            }
            return FailureWatch.diversity(images);
        }
    }

    /**
     * The fixed-noise grid of {@code step}; returns its diversity ({@link FailureWatch#diversity}).
     *
     * @param fixedLabels the fixed noise's classes (a conditional model), else null
     */
    double fakeSamples(Generator generator, Tensor fixedNoise, Tensor fixedLabels, long step) throws IOException {
        double diversity;
        try (var scope = new PointerScope()) {
            Tensor images = Sampler.generate(generator, fixedNoise, fixedLabels);
            ImageGrid.save(images, GRID_COLUMNS, run.fakeSamples(step));
            diversity = FailureWatch.diversity(images);
        }
        listener.samplesSaved(step, run.fakeSamples(step));
        return diversity;
    }

    /** Redraws the charts from metrics.csv and the GIF from all grids so far. */
    void epochEnd() throws IOException {
        TrainingCharts.write(MetricsCsv.read(run.metrics()), run.lossPlot(), run.discriminatorPlot(), run.fidPlot());
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
