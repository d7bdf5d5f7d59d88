package dcgan4j.sample;

import dcgan4j.export.OnnxExport;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;

/**
 * A trained generator to draw pictures from, in plain Java types: the two lines a user needs after
 * training. Native memory is scoped inside each call, so no caller ever sees a tensor or a
 * {@link PointerScope}. Image {@code i} comes from seed {@code firstSeed + i}, as with
 * {@code dcgan generate}, so a seed names the same image whatever the count.
 *
 * <pre>{@code
 * try (var g = TrainedGenerator.load(Path.of("runs/mine"))) {
 *     g.saveGrid(64, 1, Path.of("grid.png"));
 * }
 * }</pre>
 */
public final class TrainedGenerator implements AutoCloseable {
    private final Generator generator;
    /** The weights file it was loaded from. */
    private final Path weights;

    private TrainedGenerator(Generator generator, Path weights) {
        this.generator = generator;
        this.weights = weights;
    }

    /**
     * The generator a run directory samples from (the averaged {@code netG_ema.safetensors} when the
     * run kept one, else {@code netG.safetensors}) or the one in a weights file.
     */
    public static TrainedGenerator load(Path runOrWeights) throws IOException {
        return load(runOrWeights, ModelFiles.Pick.PREFER_AVERAGED);
    }

    /** The chosen generator of a run directory ({@link ModelFiles.Pick#RAW}: G as trained), or a weights file's. */
    public static TrainedGenerator load(Path runOrWeights, ModelFiles.Pick pick) throws IOException {
        return new TrainedGenerator(
                ModelFiles.loadGenerator(runOrWeights, pick), ModelFiles.generatorFile(runOrWeights, pick));
    }

    public ModelConfig config() {
        return generator.config();
    }

    /** {@code count} images; a conditional generator's classes cycle 0, 1, 2, … over them. */
    public List<BufferedImage> images(int count, long firstSeed) {
        try (var scope = new PointerScope()) {
            return ImageGrid.tiles(Sampler.generate(generator, count, firstSeed));
        }
    }

    /** {@code count} images of one class of a conditional generator. */
    public List<BufferedImage> images(int count, long firstSeed, int classLabel) {
        try (var scope = new PointerScope()) {
            return ImageGrid.tiles(ClassSamples.ofClass(generator, count, firstSeed, classLabel));
        }
    }

    /** {@code count} images as one torchvision-style grid PNG, 8 to a row. */
    public Path saveGrid(int count, long firstSeed, Path png) throws IOException {
        try (var scope = new PointerScope()) {
            ImageGrid.save(Sampler.generate(generator, count, firstSeed), 8, png);
            return png;
        }
    }

    /** {@code count} PNG files {@code dir/seed<S>.png}, for other tools and metrics. */
    public List<Path> saveFiles(int count, long firstSeed, Path dir) throws IOException {
        return SampleSets.writeFiles(generator, count, firstSeed, null, dir);
    }

    /**
     * This generator as an ONNX model ({@link OnnxExport}), with metadata naming the weights file it was
     * loaded from, the step and whether it is the averaged generator.
     */
    public Path exportOnnx(Path file) throws IOException {
        OnnxExport.write(generator, file, OnnxExport.metadata(generator.config(), weights));
        return file;
    }

    /** The network itself, for the tensor-level tools ({@link Sampler}, {@link LatentWalk}, …). */
    public Generator network() {
        return generator;
    }

    @Override
    public void close() {
        generator.close();
    }
}
