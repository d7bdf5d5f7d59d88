package dcgan4j.train.outputs;

import dcgan4j.data.ImageDataset;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import dcgan4j.train.step.GanStep;
import java.io.IOException;
import java.nio.file.Files;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The grids a run compares itself by: the real images once, then the same fixed noise through G at
 * each sampling step, so that grids of different steps show the same z.
 */
final class FixedSamples {
    private static final int GRID_COLUMNS = 8;

    private final RunDirectory run;
    private final TrainingListener listener;

    FixedSamples(RunDirectory run, TrainingListener listener) {
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
     * The fixed-noise grid of {@code step}, from the generator the run samples from (the averaged one
     * when there is one). Returns the diversity ({@link FailureWatch#diversity}) of G's own samples:
     * collapse is a state of training, which an average would show only later and blurred.
     *
     * @param fixedLabels the fixed noise's classes (a conditional model), else null
     */
    double fakeSamples(GanStep trainer, Tensor fixedNoise, Tensor fixedLabels, long step) throws IOException {
        double diversity;
        try (var scope = new PointerScope()) {
            Tensor images = Sampler.generate(trainer.samplingGenerator(), fixedNoise, fixedLabels);
            ImageGrid.save(images, GRID_COLUMNS, run.fakeSamples(step));
            Tensor own = trainer.averages() ? Sampler.generate(trainer.generator(), fixedNoise, fixedLabels) : images;
            diversity = FailureWatch.diversity(own);
        }
        listener.samplesSaved(step, run.fakeSamples(step));
        return diversity;
    }
}
