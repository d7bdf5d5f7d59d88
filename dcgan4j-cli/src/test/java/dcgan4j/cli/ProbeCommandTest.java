package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.model.Discriminator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code dcgan probe} on small runs: built-in digits at 28×28×1 and CIFAR-10-shaped batches at 32×32×3. */
class ProbeCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void trainASmallRun() {
        run = dir.resolve("run");
        train(run, "--synthetic-count", "300");
    }

    @Test
    void aRunIsProbedWithOneLinePerKAndTheSameJsonInItsDirectory() throws IOException {
        MainTest.Result r = dcgan("probe", run.toString(), "--labels-per-class", "2,3", "--draws", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines())
                .hasSize(5)
                .element(1)
                .asString()
                .contains("labels/class", "D features", "random D", "pixels", "supervised");
        assertThat(r.out().lines().toList().get(2)).startsWith("           2     1  ");
        assertThat(r.out()).contains("json  " + run.resolve("probe.json"));
        JsonNode written = JSON.readTree(run.resolve("probe.json").toFile());
        assertThat(written.get("rows")).hasSize(2);
        assertThat(written.get("featureLength").asLong()).isEqualTo(16L * (8 + 16 + 32));
        assertThat(written.at("/rows/1/labelsPerClass").asInt()).isEqualTo(3);

        MainTest.Result json = dcgan("probe", run.toString(), "--labels-per-class", "2", "--draws", "1", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode printed = JSON.readTree(json.out());
        assertThat(printed.at("/rows/0/discriminator/accuracy"))
                .as("the same seed, the same draw and accuracy")
                .isEqualTo(written.at("/rows/0/discriminator/accuracy"));
        assertThat(JSON.readTree(run.resolve("probe.json").toFile())).isEqualTo(printed);
    }

    @Test
    void theLastCheckpointHoldsTheRunsDiscriminatorAndItsJsonIsNamedForIt() throws IOException {
        Path checkpoint;
        try (Stream<Path> files = Files.list(run.resolve("checkpoints"))) {
            checkpoint = files.sorted().reduce((a, b) -> b).orElseThrow();
        }
        MainTest.Result fromCheckpoint =
                dcgan("probe", checkpoint.toString(), "--labels-per-class", "2", "--draws", "1", "--json");
        MainTest.Result fromRun = dcgan("probe", run.toString(), "--labels-per-class", "2", "--draws", "1", "--json");
        assertThat(fromCheckpoint.code()).as(fromCheckpoint.err()).isZero();
        String stem = checkpoint.getFileName().toString().replace(".safetensors", "");
        assertThat(run.resolve("probe-" + stem + ".json")).isRegularFile();
        assertThat(JSON.readTree(fromCheckpoint.out()).get("rows"))
                .isEqualTo(JSON.readTree(fromRun.out()).get("rows"));
    }

    @Test
    void cifar10ShapedDataIsProbedAt32x32x3() throws IOException {
        Path cifar = Files.createDirectories(dir.resolve("cifar"));
        Random random = new Random(3);
        for (int b = 1; b <= 5; b++) {
            Files.write(cifar.resolve("data_batch_" + b + ".bin"), cifarBatch(30, random));
        }
        Files.write(cifar.resolve("test_batch.bin"), cifarBatch(50, random));
        Path colour = dir.resolve("colour");
        train(colour, "--dataset", "cifar10", "--data-dir", cifar.toString(), "--no-download");
        MainTest.Result r = dcgan("probe", colour.toString(), "--labels-per-class", "2", "--draws", "1", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode report = JSON.readTree(r.out());
        assertThat(report.get("featureLength").asLong()).isEqualTo(16L * (8 + 16 + 32));
        assertThat(report.get("pixelLength").asLong()).isEqualTo(3 * 32 * 32);
        assertThat(report.get("dataset").asText()).startsWith("cifar10 (150 training, 50 test images)");
        // colour tells the classes apart, so pixels do far better than chance
        assertThat(report.at("/rows/0/pixels/mean").asDouble()).isGreaterThan(0.5);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--labels-per-class 1000 | labels per class 1000 is more than the",
                "--labels-per-class 1    | labels per class must be at least 2",
                "--dataset imagenet      | unknown dataset 'imagenet'",
                "--dataset folder        | folder has no class labels and no test split to probe with",
                "--split test            | give --split train",
            })
    void badInputGetsOneLineAndExitCode2(String options, String message) {
        String[] extra = options.trim().split("\\s+");
        String[] args = Stream.concat(Stream.of("probe", run.toString()), Stream.of(extra))
                .toArray(String[]::new);
        if (options.contains("folder")) {
            args = Stream.concat(Stream.of(args), Stream.of("--data-dir", dir.toString()))
                    .toArray(String[]::new);
        }
        expectUsageError(dcgan(args), message);
    }

    @Test
    void aRunWithoutDiscriminatorWeightsOrWithAConditionalOneIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-weights"));
        Files.copy(run.resolve("config.yaml"), empty.resolve("config.yaml"));
        expectUsageError(
                dcgan("probe", empty.toString()),
                "not found: " + empty.resolve("netD.safetensors") + " (no discriminator weights found)");

        Path conditional = Files.createDirectories(dir.resolve("conditional"));
        Files.copy(run.resolve("config.yaml"), conditional.resolve("config.yaml"));
        ModelConfig model =
                ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).classes(10).build();
        try (var d = new Discriminator(model)) {
            ModelFiles.save(d, conditional.resolve("netD.safetensors"));
        }
        expectUsageError(
                dcgan("probe", conditional.toString()), "probing a conditional discriminator is not supported");
    }

    private static void expectUsageError(MainTest.Result r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain("Exception");
    }

    /** A 1-epoch run with small networks (ngf = ndf = 8) on {@code data}. */
    private static void train(Path out, String... data) {
        Stream<String> small = Stream.of(
                "train --batch-size 32 --epochs 1 --ngf 8 --ndf 8 --nz 16 --sample-every 0 --no-events".split(" "));
        MainTest.Result r = dcgan(Stream.of(small, Stream.of(data), Stream.of("--out", out.toString()))
                .flatMap(s -> s)
                .toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
    }

    /** CIFAR-10 records whose class is the image's colour, with noise: label byte, then R, G, B planes. */
    private static byte[] cifarBatch(int records, Random random) {
        byte[] out = new byte[records * 3073];
        for (int r = 0; r < records; r++) {
            int label = r % 10;
            out[r * 3073] = (byte) label;
            for (int p = 0; p < 3072; p++) {
                int plane = p / 1024;
                int base = 40 + 20 * label * (plane + 1) % 180;
                out[r * 3073 + 1 + p] = (byte) Math.min(255, base + random.nextInt(40));
            }
        }
        return out;
    }
}
