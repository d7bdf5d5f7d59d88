package dcgan4j.cli;

import dcgan4j.model.Generator;
import dcgan4j.run.ModelFiles;
import dcgan4j.sample.ClassSamples;
import dcgan4j.sample.ImageGrid;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcgan generate}: samples from a trained generator. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generate images with a trained generator (BatchNorm in evaluation mode, no gradients).",
        footer = {"", "Examples:",
                "  dcgan generate runs/20261122-130405",
                "  dcgan generate runs/20261122-130405/netG.safetensors --count 100 --seed 7 --nrow 10 --out grid.png",
                "  dcgan generate runs/conditional --class 3 --count 16",
                "  dcgan generate runs/conditional --by-class --nrow 10",
                "", ExitCodes.HELP_SECTION})
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "run directory or generator weights (.safetensors)")
    Path run;

    @Option(names = "--count", paramLabel = "N", defaultValue = "64", description = "images (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the first image; image i uses seed + i (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--nrow", paramLabel = "N", defaultValue = "8", description = "images per grid row (default: ${DEFAULT-VALUE})")
    int nrow;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "generated.png", description = "output grid (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--class", paramLabel = "K", description = "only images of class K (a generator trained with --conditional)")
    Integer classIndex;

    @Option(names = "--by-class", description = "one row per class, --nrow images each; column j uses seed + j in every "
            + "row (a generator trained with --conditional; --count is not used)")
    boolean byClass;

    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count <= 0 || nrow <= 0) {
            throw new IllegalArgumentException("--count and --nrow must be positive");
        }
        threads.apply();
        try (Generator generator = ModelFiles.loadGenerator(run); var scope = new PointerScope()) {
            ImageGrid.save(ClassSamples.generate(generator, count, seed, classIndex, byClass ? nrow : 0), nrow, out);
        }
        spec.commandLine().getOut().println(out);
        return ExitCodes.OK;
    }

}
