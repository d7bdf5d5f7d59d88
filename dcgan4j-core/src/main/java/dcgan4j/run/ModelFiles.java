package dcgan4j.run;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Network weights on disk: safetensors with PyTorch state-dict names, the architecture stored in the
 * file's metadata so that a weights file alone is enough to rebuild its network.
 */
public final class ModelFiles {
    public static final String GENERATOR_FILE = "netG.safetensors";
    public static final String DISCRIMINATOR_FILE = "netD.safetensors";

    private ModelFiles() {}

    public static void save(Network network, Path file) throws IOException {
        ModelConfig c = network.config();
        Map<String, String> metadata = Map.of(
                "format", "pt",
                "dcgan4j.network", network instanceof Generator ? "generator" : "discriminator",
                "dcgan4j.image_size", Integer.toString(c.imageSize()),
                "dcgan4j.channels", Integer.toString(c.channels()),
                "dcgan4j.nz", Integer.toString(c.nz()),
                "dcgan4j.ngf", Integer.toString(c.ngf()),
                "dcgan4j.ndf", Integer.toString(c.ndf()));
        Safetensors.write(file, network.stateDict(), metadata);
    }

    /**
     * The generator in a run directory ({@value #GENERATOR_FILE}) or in a weights file.
     *
     * @throws NoSuchFileException when neither exists
     */
    public static Generator loadGenerator(Path runOrFile) throws IOException {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(GENERATOR_FILE) : runOrFile;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no generator weights found");
        }
        Safetensors.Contents contents = Safetensors.read(file);
        Generator generator = new Generator(config(file, contents.metadata()));
        load(generator, contents.tensors(), file);
        return generator;
    }

    /** The discriminator saved beside a generator, in a run directory. */
    public static Discriminator loadDiscriminator(Path runDir) throws IOException {
        Path file = runDir.resolve(DISCRIMINATOR_FILE);
        Safetensors.Contents contents = Safetensors.read(file);
        Discriminator discriminator = new Discriminator(config(file, contents.metadata()));
        load(discriminator, contents.tensors(), file);
        return discriminator;
    }

    /** Copies every saved tensor into the network; names and shapes must match exactly. */
    static void load(Network network, Map<String, Tensor> saved, Path file) throws IOException {
        Map<String, Tensor> state = network.stateDict();
        if (!state.keySet().equals(saved.keySet())) {
            throw new IOException(file + " does not hold the tensors of this architecture (expected "
                    + state.keySet() + ")");
        }
        try (var noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                Tensor source = saved.get(e.getKey());
                if (!e.getValue().is_same_size(source)) {
                    throw new IOException(file + ": tensor " + e.getKey() + " has the wrong shape");
                }
                e.getValue().copy_(source);
            }
        }
    }

    private static ModelConfig config(Path file, Map<String, String> metadata) throws IOException {
        try {
            return new ModelConfig(
                    Integer.parseInt(metadata.get("dcgan4j.image_size")),
                    Integer.parseInt(metadata.get("dcgan4j.channels")),
                    Integer.parseInt(metadata.get("dcgan4j.nz")),
                    Integer.parseInt(metadata.get("dcgan4j.ngf")),
                    Integer.parseInt(metadata.get("dcgan4j.ndf")));
        } catch (RuntimeException e) {
            throw new IOException(file + " has no dcgan4j architecture metadata", e);
        }
    }
}
