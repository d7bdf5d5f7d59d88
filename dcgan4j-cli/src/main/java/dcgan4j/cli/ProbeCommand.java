package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.Split;
import dcgan4j.io.AtomicFiles;
import dcgan4j.model.Discriminator;
import dcgan4j.probe.Probe;
import dcgan4j.probe.ProbeReport;
import dcgan4j.run.Checkpoints;
import dcgan4j.run.ModelFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan probe}: D as a feature extractor learned without labels, measured with a few labels. */
@Command(
        name = "probe",
        mixinStandardHelpOptions = true,
        description = {
            "How good are the discriminator's features, learned without labels, for",
            "classifying with a few labels? As the DCGAN paper (5.1): every conv block's",
            "output max-pooled to 4x4 and concatenated; a linear L2-SVM trained on K",
            "labelled training images per class (its penalty by cross-validation on",
            "them); accuracy on the whole test split, mean and sd over several draws.",
            "Beside it, the controls: the same classifier on raw pixels and on an",
            "untrained D's features, and D's architecture trained from scratch on the",
            "same labels. The data defaults to the run's own (its config.yaml). Prints",
            "a table (or --json) and writes probe.json into the run directory."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan probe runs/fashion --labels-per-class 10,100,1000",
            "  dcgan probe runs/fashion/checkpoints/step-000001875.safetensors --labels-per-class 100",
            "  dcgan probe runs/mnist --labels-per-class 100 --draws 3 --json",
            "",
            ExitCodes.HELP_SECTION
        })
final class ProbeCommand extends TorchCommand {
    @Parameters(
            index = "0",
            paramLabel = "RUN",
            description = "run directory (its netD.safetensors), one of its checkpoints, or discriminator weights")
    Path run;

    @Option(
            names = "--labels-per-class",
            paramLabel = "K",
            split = ",",
            defaultValue = "100",
            description = "labelled training images per class, each at least 2; several allowed, e.g. "
                    + "10,100,1000 (default: ${DEFAULT-VALUE})")
    List<Integer> labelsPerClass;

    @Option(
            names = "--draws",
            paramLabel = "N",
            description = "label draws per K (default: 10 up to K = 100, 3 above; the paper drew 10)")
    Integer draws;

    @Option(
            names = "--seed",
            description = "seed of the label draws, the untrained D and the supervised networks "
                    + "(default: the run's, else ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--json", description = "print the JSON instead of the table")
    boolean json;

    @Mixin
    DataOptions data;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() throws Exception {
        Path runDir = runDirectory(run);
        ConfigFile.applyRunConfig(runDir, spec);
        var settings = new Probe.Settings(labelsPerClass, draws, seed, device.resolve());
        threads.apply();
        ProbeReport report;
        try (Discriminator d = ModelFiles.loadDiscriminator(run)) {
            DataRequest train = data.request(d.config().imageSize(), d.config().channels(), seed);
            if (train.split() != Split.TRAIN) {
                throw new IllegalArgumentException("the probe draws its labels from the training split and measures "
                        + "on the test split: give --split train");
            }
            DataRequest test = Datasets.heldOut(train);
            if (test == null) {
                throw new IllegalArgumentException(train.kind().id() + " has no class labels and no test split to "
                        + "probe with: use mnist, fashion-mnist, cifar10 or synthetic (--dataset)");
            }
            try (ImageDataset trainImages = Datasets.load(train, data.downloader());
                    ImageDataset testImages = Datasets.load(test, data.downloader())) {
                report = Probe.run(d, trainImages, testImages, settings, run.toString());
            }
        }
        String text = report.toJson();
        Path out = runDir.resolve(Files.isDirectory(run) ? "probe.json" : "probe-" + stem(run) + ".json");
        AtomicFiles.write(out, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        spec.commandLine().getOut().print(json ? text : report.table());
        if (!json) {
            print("json  " + out);
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** The run a directory is, or the run a weights or checkpoint file belongs to. */
    private static Path runDirectory(Path run) {
        if (Files.isDirectory(run)) {
            return run;
        }
        Path parent = run.toAbsolutePath().getParent();
        return parent.getFileName() != null
                        && parent.getFileName().toString().equals(Checkpoints.DIRECTORY)
                        && parent.getParent() != null
                ? parent.getParent()
                : parent;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".safetensors") ? name.substring(0, name.length() - ".safetensors".length()) : name;
    }
}
