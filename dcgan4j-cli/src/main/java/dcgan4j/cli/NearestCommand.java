package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import dcgan4j.inspect.MemorizationCheck;
import dcgan4j.inspect.NearestSheet;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.run.ModelFiles;
import dcgan4j.sample.ImageGrid;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan nearest}: the memorization check. */
@Command(
        name = "nearest",
        mixinStandardHelpOptions = true,
        description = {
            "Does the generator copy its training data? Shows generated samples beside their nearest",
            "training images (by pixels and by the discriminator's features) and prints how far samples lie",
            "from the training set compared with images the model never saw (the test split; other built-in",
            "digits; for folders, each training image's distance to the others)."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan nearest runs/digits",
            "  dcgan nearest runs/mnist --samples 1000 --k 5 --out mnist-nearest.png",
            "",
            ExitCodes.HELP_SECTION
        })
final class NearestCommand extends TorchCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "run directory (netG and netD)")
    Path run;

    @Option(
            names = "--samples",
            paramLabel = "N",
            defaultValue = "500",
            description = "generated and unseen images whose distances are compared (default: ${DEFAULT-VALUE})")
    int samples;

    @Option(
            names = "--k",
            paramLabel = "K",
            defaultValue = "3",
            description = "neighbours shown per sample (default: ${DEFAULT-VALUE})")
    int k;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "8",
            description = "samples shown (default: ${DEFAULT-VALUE})")
    int rows;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the first generated image (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "PNG",
            defaultValue = "nearest.png",
            description = "output sheet (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    GeneratorChoice generators;

    @Mixin
    RunData data;

    @Override
    public Integer call() throws Exception {
        if (samples <= 0 || k <= 0 || rows <= 0) {
            throw new IllegalArgumentException("--samples, --k and --rows must be positive");
        }
        threads.apply();
        DataRequest request = data.request(run);
        DataRequest heldOut = Datasets.heldOut(request);
        try (Generator g = generators.load(run);
                Discriminator d = ModelFiles.loadDiscriminator(run);
                ImageDataset train = Datasets.load(request, null);
                ImageDataset unseen = heldOut == null ? null : Datasets.load(heldOut, null);
                var scope = new PointerScope()) {
            String unseenName = heldOut == null
                    ? null
                    : heldOut.kind() == DatasetKind.SYNTHETIC ? "other built-in digits" : "test split";
            var report =
                    MemorizationCheck.run(g, d, train, unseen, unseenName, samples, Math.min(k, train.size()), seed);
            ImageGrid.writePng(NearestSheet.render(report, train, rows), out);
            spec.commandLine().getOut().print(report.table());
        }
        print(out);
        return ExitCodes.OK;
    }
}
