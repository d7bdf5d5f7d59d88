package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The variants through the command line: recorded, resumed, generated from, and refused when wrong. */
class VariantCommandsTest {
    private static final List<String> TINY = List.of(
            "train",
            "--synthetic-count",
            "128",
            "--batch-size",
            "32",
            "--epochs",
            "1",
            "--ngf",
            "8",
            "--ndf",
            "8",
            "--sample-every",
            "0");

    @TempDir
    Path dir;

    @Test
    void aConditionalKerasStyleRunIsRecordedResumedAndGeneratesTheAskedClasses() throws IOException {
        Path run = dir.resolve("keras");
        MainTest.Result train = train(
                run,
                "--generator",
                "upsample",
                "--output",
                "sigmoid",
                "--g-dropout",
                "0.4",
                "--d-dropout",
                "0.4",
                "--d-batch-norm",
                "none",
                "--noise",
                "uniform",
                "--conditional",
                "--optimizer-g",
                "rmsprop",
                "--optimizer-d",
                "rmsprop",
                "--lr-g",
                "4e-4",
                "--lr-d",
                "8e-4",
                "--clip-g",
                "1",
                "--clip-d",
                "1",
                "--decay-g",
                "3e-8",
                "--decay-d",
                "6e-8",
                "--real-label",
                "0.9",
                "--flip-labels",
                "0.05",
                "--d-steps",
                "2",
                "--instance-noise",
                "0.1");
        assertThat(train.code()).as(train.err()).isZero();
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains(
                        "generator: upsample",
                        "output: sigmoid",
                        "d-batch-norm: none",
                        "g-batch-norm: paper",
                        "noise: uniform",
                        "conditional: true",
                        "optimizer-d: rmsprop",
                        "clip-d: 1.0",
                        "real-label: 0.9",
                        "d-steps: 2",
                        "instance-noise: 0.1");

        MainTest.Result resumed = dcgan("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(9); // 2 epochs x 4 steps
        MainTest.Result changed = dcgan("train", "--resume", run.toString(), "--generator", "dcgan");
        assertThat(changed.err()).contains("--generator cannot change");

        Path three = dir.resolve("three.png");
        MainTest.Result one = dcgan(
                "generate", run.toString(), "--class", "3", "--count", "4", "--nrow", "4", "--out", three.toString());
        assertThat(one.code()).as(one.err()).isZero();
        assertThat(ImageIO.read(three.toFile()).getWidth()).isEqualTo(4 * 30 + 2);

        Path sheet = dir.resolve("sheet.png");
        MainTest.Result bySheet =
                dcgan("generate", run.toString(), "--by-class", "--nrow", "3", "--out", sheet.toString());
        assertThat(bySheet.code()).as(bySheet.err()).isZero();
        BufferedImage grid = ImageIO.read(sheet.toFile());
        assertThat(grid.getHeight()).isEqualTo(10 * 30 + 2); // one row per digit
        assertThat(grid.getWidth()).isEqualTo(3 * 30 + 2);

        MainTest.Result outOfRange = dcgan("generate", run.toString(), "--class", "10", "--out", three.toString());
        assertThat(outOfRange.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(outOfRange.err().strip()).isEqualTo("dcgan generate: class must be in 0..9, got 10");

        // the latent tools hold one class; D's probes do not take classes and say so
        Path numbered = dir.resolve("numbered.png");
        MainTest.Result noClass =
                dcgan("generate", run.toString(), "--numbered", "--count", "4", "--out", numbered.toString());
        assertThat(noClass.err().strip())
                .isEqualTo("dcgan generate: the generator is conditional: choose a class (--class)");
        assertThat(dcgan(
                                "generate",
                                run.toString(),
                                "--numbered",
                                "--count",
                                "4",
                                "--class",
                                "7",
                                "--out",
                                numbered.toString())
                        .code())
                .isZero();
        MainTest.Result walk = dcgan(
                "walk",
                run.toString(),
                "0",
                "3",
                "--z",
                dir.resolve("numbered.z.safetensors").toString(),
                "--class",
                "7",
                "--steps",
                "2",
                "--out",
                dir.resolve("walk.png").toString());
        assertThat(walk.code()).as(walk.err()).isZero();
        assertThat(ImageIO.read(dir.resolve("walk.png").toFile()).getWidth()).isEqualTo(3 * 30 + 2);
        MainTest.Result inspect =
                dcgan("inspect", run.toString(), "--out", dir.resolve("inspect").toString());
        assertThat(inspect.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(inspect.err().strip())
                .startsWith("dcgan inspect: looking inside a conditional discriminator is not supported");
    }

    @Test
    void anUnconditionalGeneratorHasNoClassesToChoose() {
        Path run = dir.resolve("plain");
        assertThat(train(run).code()).isZero();
        MainTest.Result r = dcgan(
                "generate",
                run.toString(),
                "--class",
                "3",
                "--out",
                dir.resolve("x.png").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("the generator is not conditional");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "--g-batch-norm 1,x            | BatchNorm layers must be paper, none, all or layer numbers like 2,3, got '1,x'",
                "--d-batch-norm 5              | discriminator BatchNorm layers must be within 1..3, got 5",
                "--d-dropout 1.5               | discriminator dropout must be in [0, 1), got 1.5",
                "--optimizer-d sgd             | Invalid value for option '--optimizer-d'",
                "--real-label 0.3              | real label must be in (0.5, 1], got 0.3",
                "--d-steps 0                   | discriminator steps per generator step must be at least 1, got 0",
                "--clip-g -1                   | gradient clip value must be >= 0 (0 = off), got -1.0",
                "--conditional --data-dir .    | --conditional needs a labelled dataset (synthetic, mnist, fashion-mnist, cifar10); folder has no labels",
            })
    void badVariantOptionsGiveOneLineAndExitCode2(String args, String message) {
        List<String> command = new ArrayList<>(List.of("train"));
        command.addAll(List.of(args.trim().split("\\s+")));
        MainTest.Result r = dcgan(command.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains(message);
    }

    private MainTest.Result train(Path run, String... more) {
        List<String> args = new ArrayList<>(TINY);
        args.addAll(List.of(more));
        args.addAll(List.of("--out", run.toString()));
        return dcgan(args.toArray(String[]::new));
    }
}
