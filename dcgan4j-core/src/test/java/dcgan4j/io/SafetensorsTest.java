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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
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
            tensors.forEach((k, v) -> assertThat(back.tensors().get(k).equal(v)).as(k).isTrue());
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
        assertThatThrownBy(() -> Safetensors.read(empty)).hasMessageContaining("is not a safetensors file: it is an empty file");
        Path huge = Files.write(dir.resolve("huge.safetensors"), new byte[] {(byte) 0xff, 0, 0, 0, 0, 0, 0, 0, '{', '}'});
        assertThatThrownBy(() -> Safetensors.read(huge)).hasMessageContaining("is not a safetensors file: it is of an unknown format (starts with 0xff 0x00 0x00 0x00)");
        byte[] header = "{\"x\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 2).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header);
        Path f16 = Files.write(dir.resolve("f16.safetensors"), buffer.array());
        assertThatThrownBy(() -> Safetensors.read(f16)).hasMessageContaining("dtype F16, only F32, I64 and U8");
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
        dataFlip[dataFlip.length - 3] ^= 1;                               // one bit of one weight
        Files.write(file, dataFlip);
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("is damaged");

        String raw = new String(good, StandardCharsets.ISO_8859_1);                          // byte for byte
        byte[] metaFlip = raw.replace("\"1500\"", "\"1600\"").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(metaFlip).hasSameSizeAs(good).isNotEqualTo(good);
        Files.write(file, metaFlip);
        assertThatThrownBy(() -> Safetensors.read(file)).hasMessageContaining("is damaged");
    }

    @Test
    void filesFromOtherWritersNeedNoChecksum() throws IOException {
        byte[] header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + header.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(header.length).put(header).putFloat(2.5f);
        Path file = Files.write(dir.resolve("plain.safetensors"), buffer.array());
        Safetensors.Contents contents = Safetensors.read(file);
        assertThat(contents.checksummed()).isFalse();
        assertThat(contents.tensors().get("x").item_float()).isEqualTo(2.5f);   // a 0-dim tensor
    }
}
