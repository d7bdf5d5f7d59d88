package dcgan4j.run;

import dcgan4j.io.Safetensors;
import dcgan4j.io.TorchPickle;
import dcgan4j.io.WeightFormat;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.torch.NamedTensors;
import dcgan4j.torch.Precision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.bytedeco.pytorch.Tensor;

/**
 * Network weights on disk: safetensors with PyTorch state-dict names, the architecture (sizes and
 * {@link VariantMetadata variant}) stored in the file's metadata so that a weights file alone is enough
 * to rebuild its network.
 */
public final class ModelFiles {
    public static final String GENERATOR_FILE = "netG.safetensors";
    public static final String DISCRIMINATOR_FILE = "netD.safetensors";
    /** The generator at its lowest FID during training. */
    public static final String BEST_GENERATOR_FILE = "netG_best.safetensors";
    /** The averaged generator ({@code TrainConfig.ema}), the one a run samples from when it has it. */
    public static final String AVERAGED_GENERATOR_FILE = "netG_ema.safetensors";

    /** Which generator of a run directory to load. */
    public enum Pick {
        /** The averaged one when the run saved it, else the raw one. */
        PREFER_AVERAGED,
        /** The raw one, as trained ({@value #GENERATOR_FILE}). */
        RAW
    }

    private ModelFiles() {}

    /** The metadata keys naming the device and precision the weights were trained in. */
    public static final String DEVICE_KEY = "dcgan4j.device";

    public static final String PRECISION_KEY = "dcgan4j.precision";
    /** The metadata key naming the training step the weights are from, when a run saved them. */
    public static final String STEP_KEY = "dcgan4j.step";

    /** Weights not trained here (imported, or of a network never trained), recorded as fp32, of no step. */
    public static void save(Network network, Path file) throws IOException {
        save(network, file, Precision.FP32, -1);
    }

    /**
     * The weights, always float32 and from the CPU (whatever the device and precision that trained
     * them, which the metadata records), so they load into any network on any device.
     *
     * @param step the training step the weights are from, recorded when not negative
     */
    public static void save(Network network, Path file, Precision trainedIn, long step) throws IOException {
        Map<String, String> metadata = metadata(network.config());
        metadata.put("dcgan4j.network", network instanceof Generator ? "generator" : "discriminator");
        metadata.put(DEVICE_KEY, network.device().toString());
        metadata.put(PRECISION_KEY, trainedIn.toString());
        if (step >= 0) {
            metadata.put(STEP_KEY, Long.toString(step));
        }
        Safetensors.write(file, network.stateDict(), metadata);
    }

    /** The training step a weights file is from; empty for weights saved before dcgan4j recorded it, or imported. */
    public static OptionalLong step(Path weights) throws IOException {
        String step = Safetensors.read(weights).metadata().get(STEP_KEY);
        return step == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(step));
    }

    /** The architecture as safetensors metadata ({@code format: pt} as PyTorch's own writer sets). */
    static Map<String, String> metadata(ModelConfig c) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("dcgan4j.image_size", Integer.toString(c.imageSize()));
        metadata.put("dcgan4j.channels", Integer.toString(c.channels()));
        metadata.put("dcgan4j.nz", Integer.toString(c.nz()));
        metadata.put("dcgan4j.ngf", Integer.toString(c.ngf()));
        metadata.put("dcgan4j.ndf", Integer.toString(c.ndf()));
        VariantMetadata.put(c.variant(), metadata);
        return metadata;
    }

    /**
     * The generator a run directory samples from ({@value #AVERAGED_GENERATOR_FILE} when there is one,
     * else {@value #GENERATOR_FILE}) or the one in a weights file.
     *
     * @throws NoSuchFileException when neither exists
     */
    public static Generator loadGenerator(Path runOrFile) throws IOException {
        return loadGenerator(runOrFile, Pick.PREFER_AVERAGED);
    }

    /** The file {@link #loadGenerator(Path, Pick)} reads: a weights file is itself. */
    public static Path generatorFile(Path runOrFile, Pick pick) {
        if (!Files.isDirectory(runOrFile)) {
            return runOrFile;
        }
        Path averaged = runOrFile.resolve(AVERAGED_GENERATOR_FILE);
        return pick == Pick.PREFER_AVERAGED && Files.isRegularFile(averaged)
                ? averaged
                : runOrFile.resolve(GENERATOR_FILE);
    }

    /**
     * The chosen generator of a run directory, or the one in a weights file.
     *
     * @throws NoSuchFileException when there is none
     */
    public static Generator loadGenerator(Path runOrFile, Pick pick) throws IOException {
        Path file = generatorFile(runOrFile, pick);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no generator weights found");
        }
        Safetensors.Contents contents = Safetensors.read(file);
        Generator generator = new Generator(config(file, contents.metadata()));
        load(generator, contents.tensors(), file);
        return generator;
    }

    /**
     * The discriminator of a run directory ({@value #DISCRIMINATOR_FILE}), of a weights file, or of a
     * checkpoint (its {@code netD.*} tensors, the checksum checked): a checkpoint holds D as it was at
     * that step, which a run directory keeps only for its last.
     *
     * @throws NoSuchFileException when there is none
     */
    public static Discriminator loadDiscriminator(Path runOrFile) throws IOException {
        Path file = Files.isDirectory(runOrFile) ? runOrFile.resolve(DISCRIMINATOR_FILE) : runOrFile;
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no discriminator weights found");
        }
        Safetensors.Contents contents = Safetensors.read(file);
        Map<String, Tensor> tensors = Checkpoints.isCheckpoint(contents.metadata())
                ? NamedTensors.withPrefix(Checkpoints.load(file).tensors(), Checkpoint.DISCRIMINATOR)
                : contents.tensors();
        Discriminator discriminator = new Discriminator(config(file, contents.metadata()));
        load(discriminator, tensors, file);
        return discriminator;
    }

    /**
     * The tensors of a weights file: safetensors, or a PyTorch {@code torch.save(state_dict)} file
     * (read without running code, see {@link TorchPickle}); any other file is named for what it looks like. The {@code module.} prefix that
     * {@code nn.DataParallel} adds to every name is dropped.
     */
    public static Map<String, Tensor> readTensors(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such weights file");
        }
        Map<String, Tensor> tensors = WeightFormat.of(file) == WeightFormat.TORCH_ZIP
                ? TorchPickle.read(file)
                : Safetensors.read(file).tensors();
        Map<String, Tensor> names = new LinkedHashMap<>();
        boolean parallel = tensors.keySet().stream().allMatch(k -> k.startsWith("module."));
        tensors.forEach((k, v) -> names.put(parallel ? k.substring("module.".length()) : k, v));
        return names;
    }

    /**
     * The architecture of a generator state dict (and, if given, its discriminator's), read from the
     * tensor shapes: nz from the first layer, ngf and channels from the last, ndf from D's first,
     * the image size from the layer plan that fits.
     *
     * @throws IllegalArgumentException when no dcgan4j architecture has exactly these tensors
     */
    public static ModelConfig inferArchitecture(Map<String, Tensor> generator, Map<String, Tensor> discriminator) {
        Tensor first = generator.get("main.0.weight");
        Tensor last = generator.entrySet().stream()
                .filter(e -> e.getKey().endsWith(".weight") && e.getValue().dim() == 4)
                .reduce((a, b) -> b)
                .map(Map.Entry::getValue)
                .orElse(null);
        if (first == null || first.dim() != 4 || last == null) {
            throw new IllegalArgumentException("these are not DCGAN generator weights (no main.0.weight convolution)");
        }
        int nz = (int) first.size(0);
        int ngf = (int) last.size(0);
        int channels = (int) last.size(1);
        int ndf = discriminator == null || !discriminator.containsKey("main.0.weight")
                ? ngf
                : (int) discriminator.get("main.0.weight").size(0);
        for (int size : ModelConfig.IMAGE_SIZES) {
            ModelConfig candidate;
            try {
                candidate = ModelConfig.builder(size, channels)
                        .nz(nz)
                        .ngf(ngf)
                        .ndf(ndf)
                        .build();
            } catch (IllegalArgumentException notValid) {
                continue;
            }
            try (var g = new Generator(candidate)) {
                if (sameShapes(g.stateDict(), generator)) {
                    return candidate;
                }
            }
        }
        throw new IllegalArgumentException("the generator weights (nz=" + nz + ", ngf=" + ngf + ", " + channels
                + " channels) fit no DCGAN of " + ModelConfig.IMAGE_SIZES + " pixels");
    }

    private static boolean sameShapes(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        return expected.keySet().equals(actual.keySet())
                && expected.entrySet().stream().allMatch(e -> e.getValue().is_same_size(actual.get(e.getKey())));
    }

    /** Copies every saved tensor into the network; names and shapes must match exactly. */
    static void load(Network network, Map<String, Tensor> saved, Path file) throws IOException {
        try {
            network.loadStateDict(saved);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    static ModelConfig config(Path file, Map<String, String> metadata) throws IOException {
        try {
            return new ModelConfig(
                    Integer.parseInt(metadata.get("dcgan4j.image_size")),
                    Integer.parseInt(metadata.get("dcgan4j.channels")),
                    Integer.parseInt(metadata.get("dcgan4j.nz")),
                    Integer.parseInt(metadata.get("dcgan4j.ngf")),
                    Integer.parseInt(metadata.get("dcgan4j.ndf")),
                    VariantMetadata.read(metadata));
        } catch (RuntimeException e) {
            throw new IOException(file + " has no dcgan4j architecture metadata", e);
        }
    }
}
