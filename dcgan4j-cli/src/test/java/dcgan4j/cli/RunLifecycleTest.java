package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.yaml, --config, --resume and a real kill -9, through the command line. */
class RunLifecycleTest {
    /** A run small enough for tests: 16 steps of a narrow model. */
    private static final List<String> TINY = List.of(
            "train",
            "--synthetic-count",
            "256",
            "--batch-size",
            "32",
            "--epochs",
            "2",
            "--ngf",
            "8",
            "--ndf",
            "8",
            "--sample-every",
            "0");

    @TempDir
    Path dir;

    @Test
    void theRecordedConfigRepeatsTheRunAndFlagsOverrideIt() throws IOException {
        Path first = dir.resolve("first");
        assertThat(train(first).code()).isZero();
        Path config = first.resolve("config.yaml");
        assertThat(Files.readString(config))
                .contains(
                        "dataset: synthetic",
                        "batch-size: 32",
                        "image-size: 28",
                        "ngf: 8",
                        "seed: 1",
                        "checkpoint-every: 500")
                .doesNotContain("threads", "\nout:"); // "dropout:" is a key

        Path again = dir.resolve("again");
        MainTest.Result repeat = dcgan("train", "--config", config.toString(), "--out", again.toString());
        assertThat(repeat.code()).as(repeat.err()).isZero();
        assertThat(Files.readAllBytes(again.resolve("netG.safetensors")))
                .isEqualTo(Files.readAllBytes(first.resolve("netG.safetensors")));
        assertThat(Files.readString(again.resolve("config.yaml")).lines().skip(1))
                .containsExactlyElementsOf(
                        Files.readString(config).lines().skip(1).toList());

        Path other = dir.resolve("other");
        assertThat(dcgan("train", "--config", config.toString(), "--seed", "2", "--out", other.toString())
                        .code())
                .isZero();
        assertThat(Files.readString(other.resolve("config.yaml")))
                .contains("seed: 2")
                .contains("batch-size: 32");
        assertThat(Files.readAllBytes(other.resolve("netG.safetensors")))
                .isNotEqualTo(Files.readAllBytes(first.resolve("netG.safetensors")));
    }

    @Test
    void badConfigFilesNameTheKey() throws IOException {
        Path unknown = Files.writeString(dir.resolve("unknown.yaml"), "epochs: 1\nbatchsize: 64\n");
        MainTest.Result r = dcgan("train", "--config", unknown.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).isEqualTo("dcgan train: " + unknown + ": unknown key 'batchsize'");

        Path wrongType = Files.writeString(dir.resolve("type.yaml"), "epochs: five\n");
        r = dcgan("train", "--config", wrongType.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip())
                .isEqualTo("dcgan train: " + wrongType + ": key 'epochs' must be a whole number, got \"five\"");

        Path notYaml = Files.writeString(dir.resolve("list.yaml"), "- epochs\n- 3\n");
        assertThat(dcgan("train", "--config", notYaml.toString()).err())
                .contains("must be a list of 'key: value' lines");
    }

    @Test
    void aResumedRunKeepsItsSettings() throws IOException {
        Path run = dir.resolve("run");
        assertThat(train(run).code()).isZero();
        MainTest.Result r = dcgan("train", "--resume", run.toString(), "--batch-size", "64");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--batch-size cannot change");
        assertThat(r.err().lines()).hasSize(1);

        MainTest.Result none = dcgan("train", "--resume", dir.resolve("nothing").toString());
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("not a dcgan4j run directory");
    }

    @Test
    void aRunKilledWithSigkillResumesToTheSameResultAsAnUninterruptedRun() throws Exception {
        Path whole = dir.resolve("whole");
        assertThat(train(whole, "--checkpoint-every", "1").code()).isZero();

        Path killed = dir.resolve("killed");
        List<String> args = new ArrayList<>(TINY);
        args.addAll(List.of("--checkpoint-every", "1", "--out", killed.toString()));
        Process process = startUntilCheckpoints(args, killed, 3, dir.resolve("killed.log"));
        process.destroyForcibly(); // SIGKILL: no hook runs, no checkpoint is written on exit
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(killed.resolve("netG.safetensors"))
                .as("killed before the end")
                .doesNotExist();

        MainTest.Result resumed = dcgan("train", "--resume", killed.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(killed.resolve("metrics.csv")))
                .isEqualTo(Files.readAllBytes(whole.resolve("metrics.csv")));
        assertThat(Files.readAllBytes(killed.resolve("netG.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.resolve("netG.safetensors")));
        assertThat(Files.readAllBytes(killed.resolve("netD.safetensors")))
                .isEqualTo(Files.readAllBytes(whole.resolve("netD.safetensors")));
    }

    @Test
    void pytorchWeightsImportIntoARunThatGeneratesAndTrainsOn() throws Exception {
        Path pytorch = Path.of(RunLifecycleTest.class
                        .getResource("/pytorch/netG_tiny.pth")
                        .toURI())
                .getParent();
        Path run = dir.resolve("imported");
        MainTest.Result imported = dcgan(
                "import",
                pytorch.resolve("netG_tiny.pth").toString(),
                pytorch.resolve("netD_tiny.pth").toString(),
                "--out",
                run.toString(),
                "--synthetic-count",
                "64",
                "--batch-size",
                "16",
                "--epochs",
                "1");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(Files.readString(run.resolve("config.yaml")))
                .contains("image-size: 32", "channels: 3", "nz: 8", "ngf: 4", "ndf: 4", "batch-size: 16");
        assertThat(run.resolve("checkpoints/step-000000000.safetensors")).isRegularFile();

        Path png = dir.resolve("imported.png");
        assertThat(dcgan("generate", run.toString(), "--count", "4", "--out", png.toString())
                        .code())
                .isZero();
        byte[] before = Files.readAllBytes(run.resolve("netG.safetensors"));

        MainTest.Result resumed = dcgan("train", "--resume", run.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllLines(run.resolve("metrics.csv"))).hasSize(5); // 64 images / 16 = 4 steps
        assertThat(Files.readAllBytes(run.resolve("netG.safetensors"))).isNotEqualTo(before);

        MainTest.Result fixed = dcgan(
                "import",
                pytorch.resolve("netG_tiny.pth").toString(),
                "--ngf",
                "8",
                "--out",
                dir.resolve("x").toString());
        assertThat(fixed.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(fixed.err()).contains("the architecture comes from the weights; --ngf cannot be set");
    }

    @Test
    void aRunRecordedBeforeTheAverageExistedResumesWithoutOne() {
        assertThat(emaAfter("epochs: 2\nbatch-size: 32\n", true, "train", "--resume", "runs/old"))
                .isZero();
        assertThat(emaAfter("epochs: 2\n", false, "train")).isEqualTo(0.99); // a config file: today's default
        assertThat(emaAfter("ema: 0.999\n", true, "train", "--resume", "runs/new"))
                .isEqualTo(0.999);
    }

    /** The --ema of a parsed {@code train} command line after a run record (or a config file) is applied. */
    private static double emaAfter(String yaml, boolean runRecord, String... args) {
        var parsed = new picocli.CommandLine(new Main())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .parseArgs(args)
                .subcommand();
        if (runRecord) {
            ConfigFile.applyRunRecord(yaml, "the record", parsed.commandSpec(), parsed);
        } else {
            ConfigFile.apply(yaml, "my.yaml", parsed.commandSpec(), parsed);
        }
        return parsed.commandSpec().findOption("--ema").getValue();
    }

    private static MainTest.Result train(Path out, String... extra) {
        List<String> args = new ArrayList<>(TINY);
        args.addAll(List.of(extra));
        args.addAll(List.of("--out", out.toString()));
        return dcgan(args.toArray(String[]::new));
    }

    /** {@code dcgan ARGS} in a JVM of its own, returned once {@code run} has {@code checkpoints} checkpoints. */
    static Process startUntilCheckpoints(List<String> args, Path run, int checkpoints, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (count(run.resolve("checkpoints")) < checkpoints && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return process;
    }

    private static long count(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("step-"))
                    .count();
        }
    }
}
