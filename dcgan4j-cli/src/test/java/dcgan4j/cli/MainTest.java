package dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.torch.Device;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {
    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    static Result dcgan(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Result(code, out.toString(), err.toString());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "train --image-size 48            | image size must be one of [28, 32, 64, 128], got 48",
                "train --lr-d -0.1                | discriminator learning rate must be a positive number, got -0.1",
                "train --batch-size 0             | batch size must be at least 2",
                "train --epochs many              | Invalid value for option '--epochs': 'many' is not an int",
                "train --no-such-option           | Unknown option: '--no-such-option'",
                "train --log-every 0              | --log-every must be at least 1, got 0",
                "generate does/not/exist          | not found: does/not/exist",
                "generate                         | Missing required parameter: 'RUN'",
                "frobnicate                       | Unmatched argument at index 0: 'frobnicate'",
                "train --dataset imagenet         | unknown dataset 'imagenet' (synthetic, mnist, fashion-mnist, cifar10, folder)",
                "train --split everything         | Invalid value for option '--split'",
                "train --crop 1,2,3               | crop box must be x,y,width,height",
                "train --data-dir no/such/folder  | not found: no/such/folder (no such folder)",
                "train --device tpu               | device must be auto, cpu, cuda or cuda:N, got 'tpu'",
                "train --precision fp16           | fp16 precision needs a CUDA device; on the CPU use bf16",
                "train --precision half           | Invalid value for option '--precision'",
                "train --dataset mnist --mirror   | --mirror is not for mnist: a mirrored digit is another symbol",
                "train --synthetic-count 64 --subset 65 | --subset asks for 65 images, but synthetic has 64",
            })
    void userErrorsGiveOneLineAndExitCode2(String args, String message) {
        Result r = dcgan(args.trim().split("\\s+"));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(message).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void noCommandListsTheRegisteredCommandsButHelp() {
        Result r = dcgan();
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip())
                .containsPattern("missing command: train, generate, (\\w+, )+dashboard or doctor ")
                .doesNotContain("help,");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "train --device cuda               | device cuda:0 needs the CUDA build of dcgan4j; this one has CPU natives only",
                "generate some/run --device cuda:1 | device cuda:1 needs the CUDA build of dcgan4j; this one has CPU natives only",
            })
    void cudaOnTheCpuBuildIsOneLineAndExitCode2(String args, String message) {
        assumeFalse(Device.cudaBuild(), "the CUDA build (-Pcuda)");
        userErrorsGiveOneLineAndExitCode2(args, message);
    }

    @Test
    void missingDatasetFilesNameWhatToPutWhere() {
        Result r = dcgan("train", "--dataset", "mnist", "--data-dir", dir.toString(), "--no-download");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("train-images-idx3-ubyte.gz", "into " + dir);
    }

    @Test
    void conditionalTrainingOnLabelsOutsideTheClassesIsBadInputNamingTheFile() throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        idx(mnist.resolve("train-images-idx3-ubyte.gz"), 0x803, new byte[16 * 28 * 28], 16, 28, 28);
        byte[] labels = new byte[16];
        java.util.Arrays.fill(labels, (byte) 200);
        Path labelFile = idx(mnist.resolve("train-labels-idx1-ubyte.gz"), 0x801, labels, 16);
        Result r = dcgan(
                "train",
                "--dataset",
                "mnist",
                "--data-dir",
                mnist.toString(),
                "--no-download",
                "--conditional",
                "--batch-size",
                "8",
                "--epochs",
                "1",
                "--ngf",
                "4",
                "--ndf",
                "4",
                "--out",
                dir.resolve("run").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(labelFile.toString(), "label 200").doesNotContain("Exception");
    }

    /** An IDX file: magic, then the dimensions, then the bytes. */
    private static Path idx(Path file, int magic, byte[] data, int... dims) throws IOException {
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return file;
    }

    @Test
    void aFolderPathAloneTrainsOnItsImages() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        for (int i = 0; i < 8; i++) {
            BufferedImage img = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            img.setRGB(i, i, 0xffffff);
            ImageIO.write(img, "png", photos.resolve(i + ".png").toFile());
        }
        Path run = dir.resolve("run");
        Result r = dcgan(
                "train",
                "--dataset",
                photos.toString(),
                "--image-size",
                "32",
                "--batch-size",
                "4",
                "--epochs",
                "1",
                "--ngf",
                "4",
                "--ndf",
                "4",
                "--no-decode-cache",
                "--out",
                run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ImageIO.read(run.resolve("real_samples.png").toFile()).getWidth())
                .isEqualTo(8 * 34 + 2); // 8 images in one row
    }

    @Test
    void helpShowsExamplesAndExitCodes() {
        Result r = dcgan("train", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Examples:", "dcgan train --epochs 5", "Exit codes:", "--lr-g");
    }

    @Test
    void topLevelHelpPromisesTheDefaultRunTimeTheReadmeMeasured() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        java.util.regex.Matcher measured = java.util.regex.Pattern.compile(
                        "trains on the built-in digits: (about \\d+ minutes on \\d+ cores)")
                .matcher(readme);
        assertThat(measured.find())
                .as("the README states the default run's time")
                .isTrue();
        Result r = dcgan("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains(
                        "  dcgan train                          digits, " + measured.group(1) + System.lineSeparator());
    }

    @Test
    void trainThenGenerate() throws IOException {
        Path run = dir.resolve("run");
        Result train = dcgan(
                "train",
                "--synthetic-count",
                "256",
                "--batch-size",
                "32",
                "--epochs",
                "1",
                "--ngf",
                "8",
                "--ndf",
                "8",
                "--sample-every",
                "0",
                "--out",
                run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(run.resolve("netG.safetensors")).isRegularFile();
        assertThat(run.resolve("fake_samples_step_8.png")).isRegularFile();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(9);
        assertThat(Files.readAllLines(run.resolve("config.yaml")))
                .contains("device: cpu", "precision: fp32"); // auto, resolved

        Path png = dir.resolve("out.png");
        Result gen = dcgan(
                "generate", run.toString(), "--count", "12", "--nrow", "4", "--seed", "3", "--out", png.toString());
        assertThat(gen.code()).as(gen.err()).isZero();
        BufferedImage grid = ImageIO.read(png.toFile());
        assertThat(grid.getWidth()).isEqualTo(4 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(3 * 30 + 2);

        Result again = dcgan("train", "--synthetic-count", "256", "--out", run.toString());
        assertThat(again.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("already holds a training run");
    }

    @Test
    void benchPrintsJsonWithBaselineAndGenerationFigures() throws IOException {
        Result r = dcgan("bench", "--warmup", "0", "--iterations", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("threads").asInt()).isPositive();
        assertThat(json.get("cases")).hasSize(23);
        assertThat(json.get("cpu_bf16").isBoolean()).isTrue();
        JsonNode train64 = json.get("cases").get(0);
        assertThat(train64.get("name").asText()).isEqualTo("train_64x64x3");
        assertThat(train64.get("median_ms").asDouble()).isPositive();
        assertThat(train64.get("baseline_median_ms").asDouble()).isPositive();
        assertThat(train64.get("baseline").asText()).isEqualTo("plain_loop");
        JsonNode bf16 = json.get("cases").get(2);
        assertThat(bf16.get("name").asText()).isEqualTo("train_64x64x3_bf16");
        assertThat(bf16.get("baseline").asText()).isEqualTo("fp32"); // dcgan4j's own fp32, same run
        assertThat(bf16.get("baseline_median_ms").asDouble()).isPositive();
        JsonNode update = json.get("cases").get(4);
        assertThat(update.get("name").asText()).isEqualTo("ema_update_64x64x3");
        assertThat(update.get("baseline").asText()).isEqualTo("train_64x64x3"); // its share of that step
        assertThat(update.get("median_ms").asDouble())
                .isPositive()
                .isLessThan(update.get("baseline_median_ms").asDouble());
        assertThat(json.get("cases").get(6).get("name").asText()).isEqualTo("ema_statistics_64x64x3");
        assertThat(json.get("cases").get(7).get("name").asText()).isEqualTo("augment_diff_64x64x3");
        assertThat(json.get("cases").get(9).get("images_per_second").asDouble()).isPositive();
        assertThat(json.get("cases").get(10).get("name").asText()).isEqualTo("checkpoint_64x64x3");
        JsonNode kernels = json.get("cases").get(14);
        assertThat(kernels.get("name").asText()).isEqualTo("kernels_64x64x3");
        assertThat(kernels.get("baseline").asText()).isEqualTo("libtorch_kernels"); // oneDNN everywhere, unchecked
        assertThat(kernels.get("baseline_median_ms").asDouble()).isPositive();
        assertThat(json.get("cases").get(18).get("name").asText()).isEqualTo("contractions_as_matmul_64x64x3");
        assertThat(json.get("cases").get(20).get("name").asText()).isEqualTo("kernel_check_28x28x1");
        assertThat(json.get("cases").get(20).get("median_ms").asDouble()).isPositive();
        JsonNode events = json.get("cases").get(11);
        assertThat(events.get("name").asText()).isEqualTo("train_loop_28x28x1_events");
        assertThat(events.get("baseline_median_ms").asDouble()).isPositive(); // the same runs without events
        assertThat(json.get("cases").get(10).get("median_ms").asDouble()).isPositive();
    }

    @Test
    void benchOnlyAugmentTimesTheAugmentationsAgainstTheTrainingStepTheyAreSetAgainst() throws IOException {
        Result r = dcgan("bench", "--only", "augment", "--warmup", "0", "--iterations", "1");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("cases").findValuesAsText("name"))
                .containsExactly("train_64x64x3", "augment_diff_64x64x3", "augment_ada_p1_64x64x3");
        JsonNode ada = json.get("cases").get(2);
        assertThat(ada.get("baseline").asText()).isEqualTo("train_64x64x3");
        assertThat(ada.get("median_ms").asDouble()).isPositive();
        assertThat(ada.get("baseline_median_ms").asDouble())
                .isEqualTo(json.get("cases").get(0).get("median_ms").asDouble());
        assertThat(json.get("loaders")).isEmpty();
        assertThat(dcgan("bench", "--only", "nothing").code()).isEqualTo(2);
    }
}
