package dcgan4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.io.AtomicFiles;
import dcgan4j.io.Safetensors;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(32, 3).nz(10).ngf(8).ndf(8).build();

    @TempDir
    Path run;

    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void aCheckpointKeepsItsPositionConfigAndTensors() throws IOException {
        try (var scope = new PointerScope()) {
            var noise = torch.randn(4, 10, 1, 1);
            new Checkpoints(run, 3)
                    .save(new Checkpoint(1500, 4, 33, MODEL, "batch-size: 64\n", Map.of("fixed_noise", noise)));

            Checkpoint back = new Checkpoints(run, 3).latest().orElseThrow();
            assertThat(back.step()).isEqualTo(1500);
            assertThat(back.epoch()).isEqualTo(4);
            assertThat(back.batchesDone()).isEqualTo(33);
            assertThat(back.model()).isEqualTo(MODEL);
            assertThat(back.config()).isEqualTo("batch-size: 64\n");
            assertThat(torch.equal(back.tensor(Checkpoint.FIXED_NOISE), noise)).isTrue();
        }
    }

    @Test
    void onlyTheNewestKAreKept() throws IOException {
        var checkpoints = new Checkpoints(run, 2);
        for (long step : new long[] {5, 10, 100, 1000}) {
            save(checkpoints, step);
        }
        assertThat(checkpoints.files())
                .extracting(p -> p.getFileName().toString())
                .containsExactly("step-000001000.safetensors", "step-000000100.safetensors");
    }

    @Test
    void aDamagedNewestCheckpointIsSkippedForTheOneBefore() throws IOException {
        var checkpoints = new Checkpoints(run, 3);
        save(checkpoints, 10);
        Path newest = save(checkpoints, 20);
        byte[] bytes = Files.readAllBytes(newest);
        bytes[bytes.length - 1] ^= 0x40;
        Files.write(newest, bytes);

        assertThatThrownBy(() -> Checkpoints.load(newest)).hasMessageContaining("is damaged");
        assertThat(checkpoints.latest().orElseThrow().step()).isEqualTo(10);
    }

    @Test
    void aHalfWrittenTemporaryFileIsNeverTakenForACheckpoint() throws IOException {
        var checkpoints = new Checkpoints(run, 3);
        save(checkpoints, 10);
        Path dir = run.resolve(Checkpoints.DIRECTORY);
        byte[] whole = Files.readAllBytes(checkpoints.files().get(0));
        // what a kill -9 during the write of step 20 leaves behind: its temporary file, cut short
        Files.write(
                dir.resolve(".step-000000020.safetensors.4242.1.tmp"),
                java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThat(checkpoints.latest().orElseThrow().step()).isEqualTo(10);
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNoTemporaryFile() throws IOException {
        Path target = run.resolve("metrics.png");
        Files.writeString(target, "previous");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                    out.write(new byte[1000]);
                    throw new IOException("No space left on device");
                }))
                .hasMessage("No space left on device");
        assertThat(Files.readString(target, StandardCharsets.UTF_8)).isEqualTo("previous");
        assertThat(Files.list(run)).containsExactly(target);
    }

    @Test
    void aWeightsFileIsNotACheckpoint() throws IOException {
        try (var scope = new PointerScope()) {
            Path weights = run.resolve("w.safetensors");
            Safetensors.write(weights, Map.of("w", torch.zeros(1)), ModelFiles.metadata(MODEL));
            assertThatThrownBy(() -> Checkpoints.load(weights)).hasMessageContaining("not a dcgan4j checkpoint");
        }
    }

    private static Path save(Checkpoints checkpoints, long step) throws IOException {
        try (var scope = new PointerScope()) {
            return checkpoints.save(new Checkpoint(
                    step,
                    1,
                    (int) step,
                    MODEL,
                    "",
                    Map.of("x", torch.full(new long[] {8}, new org.bytedeco.pytorch.Scalar((double) step)))));
        }
    }
}
