package dcgan4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads files laid out byte for byte as {@code torch.save(state_dict)} writes them; they are made by
 * {@code src/test/resources/pytorch/make_fixtures.py} (element i of the k-th float tensor is sin(1000k + i)).
 */
class TorchPickleTest {
    private static final ModelConfig TINY =
            ModelConfig.builder(32, 3).nz(8).ngf(4).ndf(4).build();

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void aPytorchGeneratorSavedOnAGpuLoadsOnTheCpuWithItsNamesAndValues() throws IOException {
        try (var scope = new PointerScope();
                var g = new Generator(TINY)) {
            Map<String, Tensor> tensors = TorchPickle.read(fixture("netG_tiny.pth"));
            assertThat(tensors.keySet())
                    .containsExactlyInAnyOrderElementsOf(g.stateDict().keySet());
            assertThat(Tensors.shape(tensors.get("main.3.weight"))).containsExactly(16, 8, 4, 4);
            assertThat(Tensors.dtype(tensors.get("main.1.num_batches_tracked"))).isEqualTo(ScalarType.Long);
            assertThat(tensors.get("main.4.num_batches_tracked").item_long()).isEqualTo(7);
            int k = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                if (e.getKey().endsWith("num_batches_tracked")) {
                    continue;
                }
                float[] values = Tensors.toFloats(e.getValue());
                for (int i = 0; i < values.length; i++) {
                    assertThat(values[i]).as(e.getKey() + "[" + i + "]").isEqualTo((float) Math.sin(1000.0 * k + i));
                }
                k++;
            }
            assertThat(tensors.get("main.0.weight").is_cpu()).isTrue();
            g.loadStateDict(tensors); // strict: every name and shape fits
        }
    }

    @Test
    void theArchitectureIsReadFromTheShapes() throws IOException {
        try (var scope = new PointerScope()) {
            var g = ModelFiles.readTensors(fixture("netG_tiny.pth"));
            var d = ModelFiles.readTensors(fixture("netD_tiny.pth"));
            assertThat(ModelFiles.inferArchitecture(g, d)).isEqualTo(TINY);
            try (var discriminator = new Discriminator(TINY)) {
                discriminator.loadStateDict(d);
            }
            assertThatThrownBy(() -> ModelFiles.inferArchitecture(d, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("fit no DCGAN");
        }
    }

    @Test
    void aPickleThatWouldRunCodeIsRefused() throws IOException {
        // what a malicious .pth holds: os.system('touch pwned') as the object to rebuild
        byte[] pickle =
                "\u0080\u0002cos\nsystem\nq\u0000X\u000b\u0000\u0000\u0000touch pwnedq\u0001\u0085q\u0002Rq\u0003."
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Path evil = dir.resolve("evil.pth");
        try (var zip = new ZipOutputStream(Files.newOutputStream(evil))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pickle);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> TorchPickle.read(evil))
                .hasMessageContaining("refers to os.system")
                .hasMessageContaining("never code");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void otherFilesAreReportedNotRead() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.pth"), "not a zip");
        assertThatThrownBy(() -> TorchPickle.read(text)).hasMessageContaining("not a readable zip");
        Path emptyZip = dir.resolve("empty.pth");
        try (var zip = new ZipOutputStream(Files.newOutputStream(emptyZip))) {
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.closeEntry();
        }
        assertThatThrownBy(() -> TorchPickle.read(emptyZip)).hasMessageContaining("a zip without data.pkl");
        byte[] whole = Files.readAllBytes(fixture("netD_tiny.pth"));
        Path cut = Files.write(dir.resolve("cut.pth"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> ModelFiles.readTensors(cut)).isInstanceOf(IOException.class);
    }

    @Test
    void filesOfOtherFormatsSayWhatTheyLookLikeAndWhatIsAccepted() throws IOException {
        String accepted =
                "weights must be a PyTorch zip file (.pth from torch.save, PyTorch 1.6 or later) or safetensors";
        Path legacy = Files.write(dir.resolve("netG_legacy.pth"), new byte[] {
            (byte) 0x80,
            0x02,
            (byte) 0x8a,
            0x0a,
            0x6c,
            (byte) 0xfc,
            (byte) 0x9c,
            0x46,
            (byte) 0xf9,
            0x20,
            0x6a,
            (byte) 0xa8,
            0x50,
            0x19,
            0x2e
        });
        assertThatThrownBy(() -> ModelFiles.readTensors(legacy))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith(legacy + " is a legacy or raw pickle (starts with 0x80 0x02)")
                .hasMessageEndingWith(accepted);
        assertThatThrownBy(() -> Safetensors.read(legacy))
                .hasMessageStartingWith(legacy + " is not a safetensors file: it is a legacy or raw pickle");
        Path text = Files.writeString(dir.resolve("netG.pth"), "version https://git-lfs.github.com/spec/v1\n");
        assertThatThrownBy(() -> ModelFiles.readTensors(text))
                .hasMessage(text + " is text (starts with \"version https://git-lfs.…\"); " + accepted);
        Path zip = dir.resolve("model.zip");
        try (var out = new ZipOutputStream(Files.newOutputStream(zip))) {
            out.putNextEntry(new ZipEntry("weights.bin"));
            out.closeEntry();
        }
        assertThatThrownBy(() -> ModelFiles.readTensors(zip))
                .hasMessage(zip + " is a zip without data.pkl (not written by torch.save); " + accepted);
        Path empty = Files.write(dir.resolve("empty.safetensors"), new byte[0]);
        assertThatThrownBy(() -> ModelFiles.readTensors(empty)).hasMessage(empty + " is an empty file; " + accepted);
    }

    static Path fixture(String name) {
        try {
            return Path.of(TorchPickleTest.class.getResource("/pytorch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
