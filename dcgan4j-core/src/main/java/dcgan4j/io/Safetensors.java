package dcgan4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcgan4j.torch.Tensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The safetensors format (Hugging Face): an 8-byte little-endian header length, a JSON header naming
 * each tensor's dtype, shape and byte range, then the raw little-endian data. PyTorch reads it with
 * {@code safetensors.torch.load_file}; reading it never executes code, unlike a pickle.
 */
public final class Safetensors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    /** Metadata key of the SHA-256 over the header (without this key) and the data. */
    public static final String CHECKSUM = "sha256";

    /**
     * Tensors by name, in file order, and the free-form string metadata.
     *
     * @param checksummed whether the file carried a checksum (it matched: a mismatch fails the read)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, boolean checksummed) {}

    private Safetensors() {}

    /**
     * Writes atomically, with a {@value #CHECKSUM} entry in the metadata. Tensors on a GPU are copied
     * to the CPU: the file holds no device, so it loads anywhere.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA);
        metadata.forEach(meta::put);
        List<Tensor> contiguous = new ArrayList<>(tensors.size());
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue().detach().cpu().contiguous();
            contiguous.add(t);
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", dtypeName(t));
            var shape = entry.putArray("shape");
            for (long d : Tensors.shape(t)) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.nbytes());
            offset += t.nbytes();
        }
        MessageDigest digest = sha256();
        digest.update(JSON.writeValueAsBytes(header));
        forEachChunk(contiguous, digest::update);
        meta.put(CHECKSUM, HexFormat.of().formatHex(digest.digest()));
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8; // keep the data 8-byte aligned, as the reference writer does
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        java.util.Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            forEachChunk(contiguous, out::write);
        });
    }

    /** Reads a whole file; the tensors are new, owned by the caller. A wrong checksum fails the read. */
    public static Contents read(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /**
     * Reads a file's bytes already in memory (a resource shipped in a jar has no path);
     * {@code file} names it in errors.
     */
    public static Contents read(byte[] bytes, String file) throws IOException {
        if (bytes.length < 8) {
            throw new IOException(file + " is not a safetensors file (too short)");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength <= 0 || headerLength > bytes.length - 8) {
            throw new IOException(file + " is not a safetensors file (bad header length)");
        }
        ObjectNode header;
        try {
            header = (ObjectNode) JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
        } catch (IOException | ClassCastException e) {
            throw new IOException(file + " is not a safetensors file (unreadable header)", e);
        }
        int dataStart = 8 + (int) headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals(METADATA)) {
                e.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), bytes, dataStart));
        }
        metadata.remove(CHECKSUM);
        return new Contents(tensors, metadata, verify(file, header, bytes, dataStart));
    }

    /** Checks the stored checksum, if any, and removes it from the header. */
    private static boolean verify(String file, ObjectNode header, byte[] bytes, int dataStart) throws IOException {
        JsonNode meta = header.get(METADATA);
        if (!(meta instanceof ObjectNode metaObject) || !metaObject.has(CHECKSUM)) {
            return false;
        }
        String expected = metaObject.remove(CHECKSUM).asText();
        MessageDigest digest = sha256();
        digest.update(JSON.writeValueAsBytes(header));
        digest.update(bytes, dataStart, bytes.length - dataStart);
        if (!HexFormat.of().formatHex(digest.digest()).equals(expected)) {
            throw new IOException(file + " is damaged: its checksum does not match its contents");
        }
        return true;
    }

    private interface ChunkSink {
        void accept(byte[] chunk, int offset, int length) throws IOException;
    }

    private static void forEachChunk(List<Tensor> tensors, ChunkSink sink) throws IOException {
        byte[] chunk = new byte[1 << 16];
        for (Tensor t : tensors) {
            BytePointer data = new BytePointer(t.data_ptr()); // untyped: data_ptr_byte() insists on uint8
            for (long pos = 0; pos < t.nbytes(); pos += chunk.length) {
                int len = (int) Math.min(chunk.length, t.nbytes() - pos);
                data.position(pos).get(chunk, 0, len);
                sink.accept(chunk, 0, len);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Tensor tensor(String file, String name, JsonNode entry, byte[] bytes, int dataStart) throws IOException {
        ScalarType type = scalarType(file, name, entry.path("dtype").asText());
        JsonNode shapeNode = entry.path("shape");
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        long begin = entry.path("data_offsets").path(0).asLong(-1);
        long end = entry.path("data_offsets").path(1).asLong(-1);
        long itemSize = type == ScalarType.Byte ? 1 : type == ScalarType.Float ? 4 : 8;
        if (begin < 0 || end < begin || dataStart + end > bytes.length || end - begin != count * itemSize) {
            throw new IOException(file + ": tensor " + name + " has a bad byte range");
        }
        try (BytePointer data = new BytePointer(end - begin)) {
            data.put(bytes, dataStart + (int) begin, (int) (end - begin));
            return torch.from_blob(data, shape, new TensorOptions(type)).clone();
        }
    }

    private static String dtypeName(Tensor t) {
        ScalarType type = Tensors.dtype(t);
        if (type == ScalarType.Float) {
            return "F32";
        }
        if (type == ScalarType.Long) {
            return "I64";
        }
        if (type == ScalarType.Byte) {
            return "U8";
        }
        throw new IllegalArgumentException("cannot store tensors of type " + type + " (only float32, int64, uint8)");
    }

    private static ScalarType scalarType(String file, String name, String dtype) throws IOException {
        return switch (dtype) {
            case "F32" -> ScalarType.Float;
            case "I64" -> ScalarType.Long;
            case "U8" -> ScalarType.Byte;
            default -> throw new IOException(file + ": tensor " + name + " has dtype " + dtype
                    + ", only F32, I64 and U8 are supported");
        };
    }
}
