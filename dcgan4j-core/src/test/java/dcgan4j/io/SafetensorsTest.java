package dcgan4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void tensorsAndMetadataSurviveARoundTrip() throws IOException {
        try (var scope = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("main.0.weight", torch.randn(3, 2, 4, 4));
            tensors.put("main.1.num_batches_tracked", Tensors.fromFloats(42f).to(ScalarType.Long));
            tensors.put("main.1.running_var", torch.randn(5).t());
            Path file = dir.resolve("w.safetensors");
            Safetensors.write(file, tensors, Map.of("dcgan4j.nz", "100"));

            Safetensors.Contents back = Safetensors.read(file);
            assertThat(back.metadata()).containsEntry("dcgan4j.nz", "100");
            assertThat(back.tensors().keySet()).containsExactlyElementsOf(tensors.keySet());
            tensors.forEach(
                    (k, v) -> assertThat(back.tensors().get(k).equal(v)).as(k).isTrue());
        }
    }

    @Test
    void theFileFollowsTheSafetensorsLayout() throws IOException {
        try (var scope = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("a", Tensors.fromFloats(1f, 2f, 3f));
            tensors.put("b", Tensors.fromFloats(7f, 8f).to(ScalarType.Long));
            Path file = dir.resolve("layout.safetensors");
            Safetensors.write(file, tensors, Map.of());

            byte[] bytes = Files.readAllBytes(file);
            long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            assertThat(n % 8).isZero();
            JsonNode header = new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
            assertThat(header.get("a").get("dtype").asText()).isEqualTo("F32");
            assertThat(header.get("a").get("shape").toString()).isEqualTo("[3]");
            assertThat(header.get("a").get("data_offsets").toString()).isEqualTo("[0,12]");
            assertThat(header.get("b").get("dtype").asText()).isEqualTo("I64");
            assertThat(header.get("b").get("data_offsets").toString()).isEqualTo("[12,28]");
            assertThat(bytes).hasSize(8 + (int) n + 28);
            ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) n, 28).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(data.getFloat()).isEqualTo(1f);
            assertThat(data.getLong(8 + (int) n + 12)).isEqualTo(7L);
        }
    }

    @Test
    void brokenFilesAreReportedNotLoaded() throws IOException {
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        assertThatThrownBy(() -> Safetensors.read(empty))
                .hasMessageContaining("is not a safetensors file: it is an empty file");
        Path huge =
                Files.write(dir.resolve("huge.safetensors"), new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThatThrownBy(() -> Safetensors.read(huge))
                .hasMessageContaining(
                        "is not a safetensors file: it is of an unknown format (starts with 0xff 0x00 0x00 0x00)");
        Path i32 = Files.write(
                dir.resolve("i32.safetensors"),
                file("{\"x\":{\"dtype\":\"I32\",\"shape\":[1]," + "\"data_offsets\":[0,4]}}", new byte[4]));
        assertThatThrownBy(() -> Safetensors.read(i32))
                .hasMessageContaining("dtype I32, only F64, F32, F16, BF16, I64, U8");
        Path truncated = dir.resolve("truncated.safetensors");
        try (var scope = new PointerScope()) {
            Safetensors.write(truncated, Map.of("w", torch.randn(100)), Map.of());
        }
        byte[] whole = Files.readAllBytes(truncated);
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length - 10));
        assertThatThrownBy(() -> Safetensors.read(truncated)).hasMessageContaining("bad byte range");
    }

    @Test
    void anyChangedByteInAWrittenFileIsCaughtByItsChecksum() throws IOException {
        Path file = dir.resolve("sum.safetensors");
        try (var scope = new PointerScope()) {
            Safetensors.write(file, Map.of("w", torch.randn(64)), Map.of("dcgan4j.step", "1500"));
        }
        assertThat(Safetensors.read(file).checksummed()).isTrue();
        byte[] good = Files.readAllBytes(file);

        byte[] dataFlip = good.clone();
        dataFlip[dataFlip.length - 3] ^= 1; // one bit of one weight
        Files.write(file, dataFlip);
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("is damaged");

        String raw = new String(good, StandardCharsets.ISO_8859_1); // byte for byte
        byte[] metaFlip = raw.replace("\"1500\"", "\"1600\"").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(metaFlip).hasSameSizeAs(good).isNotEqualTo(good);
        Files.write(file, metaFlip);
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("is damaged");
    }

    @Test
    void halfBfloatAndDoubleTensorsLoadAsFloat32WithinTheirPrecision() throws IOException {
        try (var scope = new PointerScope()) {
            Tensor x = torch.randn(4096).mul(new Scalar(100));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("half", x.to(ScalarType.Half));
            tensors.put("bfloat", x.to(ScalarType.BFloat16));
            tensors.put("double", x.to(ScalarType.Double));
            Path file = dir.resolve("widths.safetensors");
            Safetensors.write(file, tensors, Map.of());
            JsonNode header = header(Files.readAllBytes(file));
            assertThat(List.of("half", "bfloat", "double"))
                    .extracting(k -> header.get(k).get("dtype").asText())
                    .containsExactly("F16", "BF16", "F64");

            Map<String, Tensor> back = Safetensors.read(file).tensors();
            back.values().forEach(t -> assertThat(Tensors.dtype(t)).isEqualTo(ScalarType.Float));
            assertThat(back.get("double").equal(x)).isTrue(); // float32 → F64 → float32 is exact
            assertWithin(back.get("half"), x, 0x1p-11, 0x1p-25); // 11-bit significand, subnormals
            assertWithin(back.get("bfloat"), x, 0x1p-8, 0); // 8-bit significand
            assertThat(back.get("half").equal(x))
                    .as("F16 really is half precision")
                    .isFalse();
        }
    }

    @Test
    void halfAndBfloatBytesFromOtherWritersReadAsTheStandardSays() throws IOException {
        // 1.0, -2.0 and 1/3 in IEEE half (0x3c00, 0xc000, 0x3555); 1.0 and -3.0 in bfloat16 (0x3f80, 0xc040); 0.1 in
        // double
        ByteBuffer data = ByteBuffer.allocate(6 + 4 + 8).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3c00).putShort((short) 0xc000).putShort((short) 0x3555);
        data.putShort((short) 0x3f80).putShort((short) 0xc040).putDouble(0.1);
        Path file = Files.write(
                dir.resolve("hf.safetensors"),
                file(
                        "{\"h\":{\"dtype\":\"F16\",\"shape\":[3],"
                                + "\"data_offsets\":[0,6]},\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[6,10]},"
                                + "\"d\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[10,18]}}",
                        data.array()));
        try (var scope = new PointerScope()) {
            Map<String, Tensor> back = Safetensors.read(file).tensors();
            assertThat(Tensors.toFloats(back.get("h"))).containsExactly(1f, -2f, 0.333251953125f);
            assertThat(Tensors.toFloats(back.get("b"))).containsExactly(1f, -3f);
            assertThat(back.get("d").item_float()).isEqualTo(0.1f);
        }
    }

    @Test
    void tensorsAcrossMappingChunksAndTheChecksumReadTheSameInAnyChunkSize() throws IOException {
        try (var scope = new PointerScope()) {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            tensors.put("a", torch.randn(37));
            tensors.put("b", torch.randn(3, 101));
            tensors.put("c", Tensors.fromFloats(5f, 6f).to(ScalarType.Long));
            Path file = dir.resolve("chunks.safetensors");
            Safetensors.write(file, tensors, Map.of());
            for (long chunk : new long[] {64, 4096, 1L << 30}) {
                Safetensors.Contents back = Safetensors.read(file, chunk);
                assertThat(back.checksummed()).isTrue();
                tensors.forEach((k, v) -> assertThat(back.tensors().get(k).equal(v))
                        .as("%s in chunks of %d", k, chunk)
                        .isTrue());
            }
        }
    }

    @Test
    void filesBeyondTwoGigabytesAreRead() throws IOException {
        long offset = (1L << 31) + 4096; // past what an int or a single ByteBuffer reaches
        byte[] header = ("{\"far\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[" + offset + "," + (offset + 16)
                        + "]}}")
                .getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("sparse.safetensors");
        try (FileChannel out = FileChannel.open(
                file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SPARSE)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
            out.write(ByteBuffer.wrap(header));
            ByteBuffer far = ByteBuffer.allocate(16)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(1)
                    .putFloat(2)
                    .putFloat(3)
                    .putFloat(-4);
            out.write(far.flip(), 8 + header.length + offset); // the hole before it costs no disk
        }
        assertThat(Files.size(file)).isGreaterThan(1L << 31);
        try (var scope = new PointerScope()) {
            assertThat(Tensors.toFloats(Safetensors.read(file).tensors().get("far")))
                    .containsExactly(1f, 2f, 3f, -4f);
        }
    }

    private static void assertWithin(Tensor actual, Tensor expected, double relative, double absolute) {
        float[] a = Tensors.toFloats(actual);
        float[] e = Tensors.toFloats(expected);
        for (int i = 0; i < e.length; i++) {
            assertThat((double) Math.abs(a[i] - e[i]))
                    .as("element %d: %s for %s", i, a[i], e[i])
                    .isLessThanOrEqualTo(relative * Math.abs(e[i]) + absolute);
        }
    }

    private static byte[] file(String json, byte[] data) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length)
                .put(header)
                .put(data)
                .array();
    }

    private static JsonNode header(byte[] bytes) throws IOException {
        long n = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return new ObjectMapper().readTree(new String(bytes, 8, (int) n, StandardCharsets.UTF_8));
    }

    @Test
    void filesFromOtherWritersNeedNoChecksum() throws IOException {
        byte[] header =
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header).putFloat(2.5f);
        Path file = Files.write(dir.resolve("plain.safetensors"), buffer.array());
        Safetensors.Contents contents = Safetensors.read(file);
        assertThat(contents.checksummed()).isFalse();
        assertThat(contents.tensors().get("x").item_float()).isEqualTo(2.5f); // a 0-dim tensor
    }
}
