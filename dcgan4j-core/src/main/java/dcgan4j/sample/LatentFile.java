package dcgan4j.sample;

import dcgan4j.io.Safetensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * Latent vectors saved beside a numbered sheet (or an arithmetic result), so that later commands can
 * name a sample by its index instead of re-deriving its z. A safetensors file holding one tensor
 * {@code z} (N, nz), readable from Python with {@code safetensors.torch.load_file}.
 */
public final class LatentFile {
    private static final String TENSOR = "z";
    private static final String KIND_KEY = "dcgan4j.latent";

    private LatentFile() {}

    /** Writes z (N, nz, 1, 1) or (N, nz) atomically. */
    public static void save(Tensor z, Path file) throws IOException {
        Safetensors.write(file, tensors(z), metadata(z));
    }

    /** The bytes of the file {@link #save} writes, for a download that writes nothing. */
    public static byte[] bytes(Tensor z) throws IOException {
        return Safetensors.bytes(tensors(z), metadata(z));
    }

    private static Map<String, Tensor> tensors(Tensor z) {
        return Map.of(TENSOR, z.reshape(z.size(0), z.size(1)));
    }

    private static Map<String, String> metadata(Tensor z) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put(KIND_KEY, "z");
        metadata.put("dcgan4j.nz", Long.toString(z.size(1)));
        return metadata;
    }

    /**
     * The vectors of a file as (N, nz, 1, 1), checked against the generator's nz.
     *
     * @throws IOException naming the file when it holds no latent vectors or vectors of another length
     */
    public static Tensor load(Path file, int nz) throws IOException {
        Safetensors.Contents contents = Safetensors.read(file);
        Tensor z = contents.tensors().get(TENSOR);
        if (!"z".equals(contents.metadata().get(KIND_KEY)) || z == null || z.dim() != 2) {
            throw new IOException(file + " holds no latent vectors (a numbered sample sheet saves them)");
        }
        if (z.size(1) != nz) {
            throw new IOException(file + " holds vectors of length " + z.size(1) + ", the generator takes nz=" + nz);
        }
        return z.view(z.size(0), nz, 1, 1);
    }

    /** Row {@code index} of loaded vectors (1, nz, 1, 1), with a clear error when out of range. */
    public static Tensor row(Tensor z, int index, Path file) {
        if (index < 0 || index >= z.size(0)) {
            throw new IllegalArgumentException(
                    "index " + index + " is not on the sheet of " + file + " (0.." + (z.size(0) - 1) + ")");
        }
        return z.narrow(0, index, 1);
    }
}
