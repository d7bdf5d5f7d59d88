package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.run.RunDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --data-dir} for commands that look at a run's training data (inspect, nearest): the data is
 * the one the run's {@code config.yaml} names — same dataset, crop, seed, image shape, subset and
 * mirror images, so the images the run trained on — and a user never has to repeat how the run was
 * trained; only where the files are now may differ.
 */
final class RunData {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "where the run's training data is now (default: as recorded in the run's config.yaml)")
    Path dataDir;

    @Option(
            names = "--cache-dir",
            paramLabel = "DIR",
            description = "downloads and decoded-folder caches (default: as recorded)")
    Path cacheDir;

    /**
     * The settings of a training run, read into {@link TrainOptions} as {@code train --config} does;
     * the keys of train's other options (events, device, precision) are passed over.
     */
    @Command
    static final class Recorded {
        @Mixin
        TrainOptions options;
    }

    /** The run's training data request, with this command's overrides. */
    DataRequest request(Path runDir) throws IOException {
        Path config = RunDirectory.open(runDir).config();
        if (!Files.isRegularFile(config)) {
            throw new NoSuchFileException(
                    config.toString(), null, "the run records no configuration, so its data is unknown");
        }
        Recorded recorded = new Recorded();
        CommandLine line = new CommandLine(recorded).setCaseInsensitiveEnumValuesAllowed(true);
        ConfigFile.applyKnown(Files.readString(config), config.toString(), line.getCommandSpec(), line.parseArgs());
        if (dataDir != null) {
            recorded.options.data.dataDir = dataDir;
        }
        if (cacheDir != null) {
            recorded.options.data.cacheDir = cacheDir;
        }
        return recorded.options.resolveData();
    }
}
