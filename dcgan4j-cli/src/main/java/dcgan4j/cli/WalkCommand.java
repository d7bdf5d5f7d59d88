package dcgan4j.cli;

import dcgan4j.model.Generator;
import dcgan4j.sample.AnimatedGif;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.LatentWalk;
import dcgan4j.sample.Sampler;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan walk}: interpolation through latent points, as a strip (or grid) and an animated GIF. */
@Command(
        name = "walk",
        mixinStandardHelpOptions = true,
        description = {
            "Walk through 2 or more latent points and show every step (DCGAN paper, section 6.1).",
            "Points: " + LatentPoints.SYNTAX + ".",
            "Spherical interpolation (default) keeps z at the norm the generator was trained on."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan walk runs/digits seed:1 seed:2 seed:3 --steps 8",
            "  dcgan generate runs/digits --numbered --out sheet.png",
            "  dcgan walk runs/digits 4 17 4 --z sheet.z.safetensors --mode linear --out walk.png",
            "",
            ExitCodes.HELP_SECTION
        })
final class WalkCommand extends TorchCommand {
    /** Small images are enlarged in the GIF so a 28×28 walk can be watched. */
    private static final int GIF_SIDE = 128;

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory or generator weights (.safetensors)")
    Path run;

    @Parameters(index = "1..*", arity = "2..*", paramLabel = "POINT", description = "latent points, in order")
    List<String> points;

    @Mixin
    GeneratorChoice generators;

    @Mixin
    LatentPoints latent;

    @Option(
            names = "--steps",
            paramLabel = "K",
            defaultValue = "8",
            description = "frames from one point to the next (default: ${DEFAULT-VALUE})")
    int steps;

    @Option(
            names = "--mode",
            defaultValue = "spherical",
            description = "spherical or linear (default: ${DEFAULT-VALUE})")
    LatentWalk.Mode mode;

    @Option(names = "--nrow", paramLabel = "N", description = "frames per row (default: all in one strip)")
    Integer nrow;

    @Option(
            names = "--out",
            paramLabel = "PNG",
            defaultValue = "walk.png",
            description = "strip or grid (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--gif", paramLabel = "GIF", description = "animation (default: the --out name with .gif)")
    Path gif;

    @Option(
            names = "--frame-ms",
            paramLabel = "MS",
            defaultValue = "120",
            description = "time per GIF frame (default: ${DEFAULT-VALUE})")
    int frameMs;

    @Mixin
    ClassOption classOption;

    @Override
    public Integer call() throws Exception {
        if (steps < 1 || frameMs < 1 || (nrow != null && nrow < 1)) {
            throw new IllegalArgumentException("--steps, --frame-ms and --nrow must be positive");
        }
        threads.apply();
        Path animation = gif != null
                ? gif
                : out.resolveSibling(out.getFileName().toString().replaceFirst("(?i)\\.png$", "") + ".gif");
        try (Generator generator = generators.load(run);
                var scope = new PointerScope()) {
            Tensor z = LatentWalk.through(latent.resolve(points, generator.config()), steps, mode);
            Tensor images = Sampler.generate(generator, z, classOption.labels(generator, z.size(0)));
            ImageGrid.save(images, nrow != null ? nrow : (int) images.size(0), out);
            AnimatedGif.write(
                    ImageGrid.tiles(images).stream()
                            .map(t -> ImageGrid.enlarged(t, GIF_SIDE))
                            .toList(),
                    frameMs,
                    frameMs * 5,
                    animation);
        }
        print(out);
        print(animation);
        return ExitCodes.OK;
    }
}
