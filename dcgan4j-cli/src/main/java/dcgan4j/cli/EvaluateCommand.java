package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import dcgan4j.eval.EvaluationReport;
import dcgan4j.eval.Evaluator;
import dcgan4j.io.AtomicFiles;
import dcgan4j.model.Generator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan evaluate}: how close a trained generator's images are to the data, in numbers. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measure a trained generator against real data: FID and KID, precision and recall (k-NN manifolds,",
            "k = 3), and for labelled data class coverage, KL of the class histogram from uniform and an",
            "Inception-Score-style confidence. Features: dcgan4j's own classifier for MNIST-type data (shipped",
            "for MNIST and Fashion-MNIST; trained on first use and cached for the built-in digits), the FID",
            "Inception-v3 (--inception) for colour data.",
            "The data defaults to the run's own (its config.yaml); prints a table and writes JSON."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan evaluate runs/mnist",
            "  dcgan evaluate runs/mnist/netG_best.safetensors --count 10000 --json best.json",
            "  dcgan evaluate runs/mnist --split test",
            "  dcgan evaluate runs/celeba --inception inception-2015-12-05.pt",
            "",
            ExitCodes.HELP_SECTION
        })
final class EvaluateCommand extends TorchCommand {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
    /** Precision and recall need more than k = 3 neighbours per set; a few more make any sense at all. */
    private static final int MIN_COUNT = 6;

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory or generator weights (.safetensors)")
    Path run;

    @Mixin
    GeneratorChoice generators;

    @Mixin
    DataOptions data;

    @Mixin
    FeatureOptions features;

    @Option(
            names = "--count",
            paramLabel = "N",
            description = "generated images, and real ones at most (default: ${DEFAULT-VALUE}, clean-fid's minimum)")
    int count = Evaluator.RECOMMENDED_SAMPLES;

    @Option(
            names = "--seed",
            description = "seed of the first generated image and of the real images' choice "
                    + "(default: the run's, else ${DEFAULT-VALUE})")
    long seed = 1;

    @Mixin
    DeviceOptions device;

    @Option(
            names = "--json",
            paramLabel = "FILE",
            description = "where to write the JSON (default: evaluation.json beside the weights)")
    Path json;

    @Override
    public Integer call() throws Exception {
        if (count < MIN_COUNT) {
            throw new IllegalArgumentException("--count must be at least " + MIN_COUNT + ", got " + count);
        }
        Path runDir = Files.isDirectory(run) ? run : run.toAbsolutePath().getParent();
        ConfigFile.applyRunConfig(runDir, spec);
        threads.apply();
        var onDevice = device.resolve();
        try (Generator generator = generators.load(run)) {
            generator.to(onDevice); // generation there; the feature networks run on the CPU
            DataRequest request = data.request(
                    generator.config().imageSize(), generator.config().channels(), seed);
            FeatureOptions.Opened opened = features.open(request, data.downloader());
            EvaluationReport report;
            try (var network = opened.network();
                    ImageDataset images = Datasets.load(request, data.downloader());
                    var evaluator = new Evaluator(network, images, count, seed)) {
                LOG.info(
                        "comparing {} generated with {} real images of {} ({})",
                        count,
                        evaluator.realCount(),
                        images.name(),
                        request.split().name().toLowerCase(java.util.Locale.ROOT));
                report = evaluator.report(generator, count, opened.accuracy());
            }
            report.notes().forEach(LOG::warn);
            Path out = json != null ? json : runDir.resolve("evaluation.json");
            String text = report.toJson();
            AtomicFiles.write(out, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
            spec.commandLine().getOut().print(report.table());
            print("json             " + out);
            spec.commandLine().getOut().flush();
        }
        return ExitCodes.OK;
    }
}
