package dcgan4j.cli;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.sample.ClassSamples;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.SampleSets;
import dcgan4j.sample.Sampler;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan generate}: samples from a trained generator, as a grid, a numbered sheet or files. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Generate images with a trained generator (BatchNorm in evaluation mode, no gradients).",
            "Image i comes from seed S+i, so a seed names the same image whatever the count.",
            "--numbered draws each image's index above it and saves the z vectors beside the sheet",
            "(<out>.z.safetensors) for 'dcgan walk' and 'dcgan arithmetic'."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan generate runs/20261122-130405",
            "  dcgan generate runs/20261122-130405/netG.safetensors --count 100 --seed 7 --nrow 10 --out grid.png",
            "  dcgan generate runs/digits --numbered --count 48 --out sheet.png",
            "  dcgan generate runs/digits --count 10000 --files samples/",
            "  dcgan generate runs/conditional --class 3 --count 16",
            "  dcgan generate runs/conditional --by-class --nrow 10",
            "",
            ExitCodes.HELP_SECTION
        })
final class GenerateCommand extends TorchCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "run directory or generator weights (.safetensors)")
    Path run;

    @Option(
            names = "--count",
            paramLabel = "N",
            defaultValue = "64",
            description = "images (default: ${DEFAULT-VALUE})")
    int count;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the first image; image i uses seed + i (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--nrow",
            paramLabel = "N",
            defaultValue = "8",
            description = "images per grid row (default: ${DEFAULT-VALUE})")
    int nrow;

    @Option(
            names = "--out",
            paramLabel = "PNG",
            defaultValue = "generated.png",
            description = "output grid (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(
            names = "--numbered",
            description = "caption each image with its index and save the z vectors beside the sheet "
                    + "(a conditional generator needs --class)")
    boolean numbered;

    @Option(
            names = "--files",
            paramLabel = "DIR",
            description = "write each image as DIR/seed<S>.png instead of a grid (for metrics and other tools)")
    Path files;

    @Mixin
    GeneratorChoice generators;

    @Mixin
    ClassOption classOption;

    @Mixin
    DeviceOptions device;

    @Option(
            names = "--by-class",
            description = "one row per class, --nrow images each; column j uses seed + j in every "
                    + "row (a generator trained with --conditional; --count is not used)")
    boolean byClass;

    @Override
    public Integer call() throws Exception {
        if (count <= 0 || nrow <= 0) {
            throw new IllegalArgumentException("--count and --nrow must be positive");
        }
        if ((files != null ? 1 : 0) + (numbered ? 1 : 0) + (byClass ? 1 : 0) > 1) {
            throw new IllegalArgumentException("choose one of --files, --numbered and --by-class");
        }
        threads.apply();
        var onDevice = device.resolve();
        try (Generator generator = generators.load(run);
                var scope = new PointerScope()) {
            generator.to(onDevice);
            if (files != null) {
                SampleSets.writeFiles(generator, count, seed, classOption.label, files);
                print(files);
                return ExitCodes.OK;
            }
            if (numbered) {
                Tensor z = LatentNoise.forSeeds(seed, count, generator.config());
                Tensor images = Sampler.generate(generator, z, classOption.labels(generator, count));
                print(SampleSets.writeNumberedSheet(images, z, nrow, out));
            } else {
                ImageGrid.save(
                        ClassSamples.generate(generator, count, seed, classOption.label, byClass ? nrow : 0),
                        nrow,
                        out);
            }
        }
        print(out);
        return ExitCodes.OK;
    }
}
