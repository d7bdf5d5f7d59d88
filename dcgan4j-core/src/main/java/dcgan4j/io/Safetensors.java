package dcgan4j.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dcgan4j.torch.Tensors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
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
    /** The reference implementation's limit on the JSON header. */
    private static final long MAX_HEADER = 100_000_000;

    /**
     * Tensors by name, in file order, and the free-form string metadata.
     *
     * @param checksummed whether the file carried a checksum (it matched: a mismatch fails the read)
     */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata, boolean checksummed) {}

    private Safetensors() {}

    /**
     * Writes atomically, with a {@value #CHECKSUM} entry in the metadata, each tensor in its own dtype.
     * Tensors on a GPU are copied to the CPU: the file holds no device, so it loads anywhere.
     */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        AtomicFiles.write(file, encode(tensors, metadata)::writeTo);
    }

    /**
     * The bytes {@link #write} would put in a file, for a file that is sent rather than stored (the
     * dashboard's downloads, which must write nothing).
     */
    public static byte[] bytes(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(tensors, metadata).writeTo(out);
        return out.toByteArray();
    }

    /** A header, padded to a multiple of 8 bytes, and the contiguous CPU tensors it describes. */
    private record Encoded(byte[] header, List<Tensor> data) {
        void writeTo(OutputStream out) throws IOException {
            out.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(header.length)
                    .array());
            out.write(header);
            forEachChunk(data, out::write);
        }
    }

    private static Encoded encode(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
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
        return new Encoded(headerBytes, contiguous);
    }

    /**
     * Reads a whole file; the tensors are new, owned by the caller. A wrong checksum fails the read.
     * The data is memory-mapped, never held on the heap, so files beyond 2 GB load too. Floating-point
     * tensors of every width come back as float32, the type every dcgan4j computation uses.
     */
    public static Contents read(Path file) throws IOException {
        return read(file, MappedRegion.CHUNK);
    }

    /** {@link #read(Path)} with mappings of at most {@code chunkSize} bytes (small in tests, to cross them). */
    static Contents read(Path file, long chunkSize) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            byte[] head = bytesAt(channel, 0, (int) Math.min(size, 64));
            if (!WeightFormat.isSafetensors(head, size)) {
                throw new IOException(file + " is not a safetensors file: it is " + WeightFormat.looksLike(head, size));
            }
            long headerLength =
                    ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength > MAX_HEADER) {
                throw new IOException(file + " has a safetensors header of " + headerLength + " bytes, more than the "
                        + MAX_HEADER + " the format allows");
            }
            ObjectNode header;
            try {
                header = (ObjectNode) JSON.readTree(bytesAt(channel, 8, (int) headerLength));
            } catch (IOException | ClassCastException e) {
                throw new IOException(file + " is not a safetensors file (unreadable header)", e);
            }
            MappedRegion data = MappedRegion.map(channel, 8 + headerLength, size - 8 - headerLength, chunkSize);
            return contents(file, header, data);
        }
    }

    /** The tensors and metadata of a parsed header over its data region. */
    private static Contents contents(Path file, ObjectNode header, MappedRegion data) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : header.properties()) {
            if (e.getKey().equals(METADATA)) {
                e.getValue()
                        .properties()
                        .forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
                continue;
            }
            tensors.put(e.getKey(), tensor(file, e.getKey(), e.getValue(), data));
        }
        metadata.remove(CHECKSUM);
        return new Contents(tensors, metadata, verify(file, header, data));
    }

    private static byte[] bytesAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new java.io.EOFException("end of file at byte " + (position + buffer.position()));
            }
        }
        return buffer.array();
    }

    /** Checks the stored checksum, if any, and removes it from the header. */
    private static boolean verify(Path file, ObjectNode header, MappedRegion data) throws IOException {
        JsonNode meta = header.get(METADATA);
        if (!(meta instanceof ObjectNode metaObject) || !metaObject.has(CHECKSUM)) {
            return false;
        }
        String expected = metaObject.remove(CHECKSUM).asText();
        MessageDigest digest = sha256();
        digest.update(JSON.writeValueAsBytes(header));
        data.digest(digest);
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

    private static Tensor tensor(Path file, String name, JsonNode entry, MappedRegion data) throws IOException {
        String dtypeName = entry.path("dtype").asText();
        Dtype dtype = Dtype.named(dtypeName);
        if (dtype == null) {
            throw new IOException(file + ": tensor " + name + " has dtype " + dtypeName + ", only " + Dtype.names()
                    + " are supported");
        }
        JsonNode shapeNode = entry.path("shape");
        long[] shape = new long[shapeNode.size()];
        long begin = entry.path("data_offsets").path(0).asLong(-1);
        long end = entry.path("data_offsets").path(1).asLong(-1);
        try {
            long bytes = dtype.bytes;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = shapeNode.get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw new ArithmeticException("negative dimension");
                }
                bytes = Math.multiplyExact(bytes, shape[i]);
            }
            if (begin < 0 || end < begin || end > data.length() || end - begin != bytes) {
                throw new ArithmeticException("outside the data or not the size of the shape");
            }
        } catch (ArithmeticException e) {
            throw new IOException(file + ": tensor " + name + " has a bad byte range", e);
        }
        Tensor t = torch.empty(shape, new TensorOptions(dtype.type), new MemoryFormatOptional());
        data.copyTo(begin, end - begin, t.data_ptr());
        return dtype.floating() && dtype != Dtype.F32 ? t.to(ScalarType.Float) : t;
    }

    private static String dtypeName(Tensor t) {
        Dtype dtype = Dtype.of(Tensors.dtype(t));
        if (dtype == null) {
            throw new IllegalArgumentException(
                    "cannot store tensors of type " + Tensors.dtype(t) + " (only " + Dtype.names() + ")");
        }
        return dtype.name();
    }
}
