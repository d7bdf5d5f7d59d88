package dcgan4j.cli;

import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import dcgan4j.inspect.ProbeSheets;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan inspect}: what the discriminator learned. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = {
            "Look inside a run's discriminator (DCGAN paper, section 6.2). Writes to --out:",
            "  filters.png      first-layer filters",
            "  activations.png  the feature maps of each layer for one image (the first --image, else a real one)",
            "  saliency.png     real and generated images with D(x) and the gradient of D's logit w.r.t. the pixels",
            "Real images come from the run's training data (config.yaml) unless --image files are given."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan inspect runs/digits",
            "  dcgan inspect runs/celeba --image me.jpg --image cat.png --out inspect-mine",
            "",
            ExitCodes.HELP_SECTION
        })
final class InspectCommand extends TorchCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "run directory (netG and netD)")
    Path run;

    @Option(
            names = "--image",
            paramLabel = "FILE",
            description = "image file(s) to use as the real images (repeatable)")
    List<Path> images;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "8",
            description = "real and generated images on the saliency sheet (default: ${DEFAULT-VALUE})")
    int count;

    @Option(
            names = "--maps",
            paramLabel = "N",
            defaultValue = "8",
            description = "feature maps shown per layer (default: ${DEFAULT-VALUE})")
    int maps;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the first generated image (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: RUN/inspect)")
    Path out;

    @Mixin
    GeneratorChoice generators;

    @Mixin
    RunData data;

    @Override
    public Integer call() throws Exception {
        if (count <= 0 || maps <= 0) {
            throw new IllegalArgumentException("--count and --maps must be positive");
        }
        threads.apply();
        Path dir = out != null ? out : run.resolve("inspect");
        try (Generator g = generators.load(run);
                Discriminator d = ModelFiles.loadDiscriminator(run);
                ImageDataset realImages = realImages(d.config());
                var scope = new PointerScope()) {
            int n = Math.min(count, realImages.size());
            Tensor real = realImages.batch(IntStream.range(0, n).toArray(), 0, n);
            Tensor fake = Sampler.generate(g, n, seed);
            Files.createDirectories(dir);
            ImageGrid.writePng(ProbeSheets.filters(d), dir.resolve("filters.png"));
            ImageGrid.writePng(ProbeSheets.activations(d, real, maps), dir.resolve("activations.png"));
            ImageGrid.writePng(ProbeSheets.saliency(d, real, fake), dir.resolve("saliency.png"));
        }
        print(dir);
        return ExitCodes.OK;
    }

    private ImageDataset realImages(ModelConfig model) throws Exception {
        if (images != null && !images.isEmpty()) {
            return Datasets.files(images, model.imageSize(), model.channels());
        }
        return Datasets.load(data.request(run), null);
    }
}
