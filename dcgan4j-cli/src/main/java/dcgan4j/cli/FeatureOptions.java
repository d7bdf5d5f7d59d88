package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.data.Downloader;
import dcgan4j.eval.Classifiers;
import dcgan4j.eval.FeatureNetwork;
import dcgan4j.eval.InceptionFeatures;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** Which network's features FID, KID and precision/recall compare: shared by {@code train} and {@code evaluate}. */
final class FeatureOptions {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureOptions.class);

    @MayChangeOnResume
    @Option(
            names = "--inception",
            paramLabel = "FILE",
            description = "FID Inception-v3 as TorchScript (clean-fid's inception-2015-12-05.pt) for colour data; "
                    + "MNIST-type data uses dcgan4j's own classifier unless this is given")
    Path inception;

    /** The network, with the classifier's test accuracy when it is one of dcgan4j's own (else null). */
    record Opened(FeatureNetwork network, Double accuracy) {}

    /**
     * Opens the network for {@code data}: the given TorchScript file, else the dataset's classifier
     * (shipped with dcgan4j, or trained on first use for data that has none).
     */
    Opened open(DataRequest data, Downloader downloader) throws IOException {
        if (inception != null) {
            return new Opened(InceptionFeatures.load(inception), null);
        }
        if (!Classifiers.supports(data.kind())) {
            throw new IllegalArgumentException(
                    "measuring " + data.kind().id() + " data needs the FID Inception network: "
                            + "--inception FILE (TorchScript, e.g. clean-fid's inception-2015-12-05.pt)");
        }
        Classifiers.Trained trained;
        try (var progress = new ClassifierProgress()) {
            trained = Classifiers.open(data, downloader, progress);
        }
        LOG.info("features: {}", trained.description());
        return new Opened(trained.network(), trained.testAccuracy());
    }
}
