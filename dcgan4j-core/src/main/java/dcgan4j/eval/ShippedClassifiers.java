package dcgan4j.eval;

import dcgan4j.data.DatasetKind;
import dcgan4j.io.Safetensors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The feature networks that come with dcgan4j: trained once with {@link Classifiers#train}'s recipe
 * and kept as versioned resources, so that an FID measured on MNIST or Fashion-MNIST means the same
 * on every machine. A network trained on each machine would not: its weights, and with them every
 * FID, would depend on the processor and thread count it was trained with.
 *
 * <p>Each network {@code lenet-<dataset>-v<version>.safetensors} has a {@code .sha256} beside it
 * (the {@code sha256sum} format); a file whose digest differs is refused rather than used.
 */
final class ShippedClassifiers {
    /** The version of the shipped networks; a new recipe or retraining gets a new one. */
    static final int VERSION = 1;

    private static final String FOLDER = "/dcgan4j/eval/";

    private ShippedClassifiers() {}

    /** The resource name of a dataset's shipped network (whether or not there is one). */
    static String resource(DatasetKind kind) {
        return FOLDER + "lenet-" + kind.id() + "-v" + VERSION + ".safetensors";
    }

    /** The shipped network for {@code kind}, if dcgan4j has one; loaded and checked. */
    static Optional<Classifiers.Trained> load(DatasetKind kind) {
        String resource = resource(kind);
        byte[] weights = read(resource);
        if (weights == null) {
            return Optional.empty();
        }
        byte[] digestLine = read(resource + ".sha256");
        if (digestLine == null) {
            throw new IllegalStateException(resource + " has no .sha256 beside it");
        }
        String expected =
                new String(digestLine, StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        return Optional.of(load("lenet-" + kind.id() + " v" + VERSION, weights, expected, resource));
    }

    /**
     * The network in {@code weights} once their SHA-256 is {@code expected}; {@code name} goes into
     * every report, so its numbers say which network they were measured with.
     *
     * @throws IllegalStateException when the digest differs or the weights are no LeNet
     */
    static Classifiers.Trained load(String name, byte[] weights, String expected, String resource) {
        String actual = sha256(weights);
        if (!actual.equals(expected)) {
            throw new IllegalStateException(resource + " is damaged: SHA-256 " + actual + ", expected " + expected);
        }
        LeNet network = new LeNet(name, 10);
        try {
            Map<String, String> metadata = network.load(readCopy(weights), resource);
            double accuracy = Double.parseDouble(metadata.get(Classifiers.ACCURACY));
            return new Classifiers.Trained(
                    network,
                    accuracy,
                    String.format(
                            Locale.ROOT,
                            "%s (shipped, test accuracy %.2f%%, sha256 %s…)",
                            name,
                            100 * accuracy,
                            actual.substring(0, 12)));
        } catch (IOException | RuntimeException e) {
            network.close();
            throw new IllegalStateException("cannot load " + resource + ": " + e.getMessage(), e);
        }
    }

    /** The safetensors reader maps files, and a resource in a jar is none: a checked copy becomes one. */
    private static Safetensors.Contents readCopy(byte[] weights) throws IOException {
        Path copy = Files.createTempFile("dcgan4j-lenet", ".safetensors");
        try {
            Files.write(copy, weights);
            return Safetensors.read(copy);
        } finally {
            Files.delete(copy);
        }
    }

    /** SHA-256 of {@code bytes} as lowercase hex, as {@code sha256sum} prints it. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = ShippedClassifiers.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
