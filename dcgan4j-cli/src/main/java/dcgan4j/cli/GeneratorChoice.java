package dcgan4j.cli;

import dcgan4j.model.Generator;
import dcgan4j.run.ModelFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * {@code --raw}: which of a run's generators a command uses. A run trained with {@code --ema} samples
 * from its averaged generator, so the commands do too unless told otherwise, and say so.
 */
final class GeneratorChoice {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratorChoice.class);

    @Option(
            names = "--raw",
            description = "use the generator as trained (netG.safetensors) even when the run has "
                    + "an averaged one (netG_ema.safetensors, from --ema), which is used otherwise")
    boolean raw;

    /** The chosen generator of a run directory, or the generator in a weights file. */
    Generator load(Path runOrFile) throws IOException {
        return ModelFiles.loadGenerator(file(runOrFile));
    }

    /** The weights file of the chosen generator (a weights file is itself), named in the log when averaged. */
    Path file(Path runOrFile) {
        ModelFiles.Pick pick = raw ? ModelFiles.Pick.RAW : ModelFiles.Pick.PREFER_AVERAGED;
        Path file = ModelFiles.generatorFile(runOrFile, pick);
        if (file.getFileName().toString().equals(ModelFiles.AVERAGED_GENERATOR_FILE) && !file.equals(runOrFile)) {
            LOG.info("generator: {}, the averaged one (--raw for {})", file, ModelFiles.GENERATOR_FILE);
        }
        return file;
    }
}
