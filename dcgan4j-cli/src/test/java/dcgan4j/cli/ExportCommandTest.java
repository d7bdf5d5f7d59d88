package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dcgan export} on a run holding G and its average: which generator and file it picks, what
 * ONNX Runtime reads back, and bad input as one line, exit code 2 and no file (the numbers themselves
 * are checked against ONNX Runtime in the core's OnnxExportTest).
 */
class ExportCommandTest {
    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void aRunWithAnAveragedGenerator() throws IOException {
        run = Files.createDirectories(dir.resolve("run"));
        ModelConfig model =
                ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).classes(10).build();
        try (var scope = new PointerScope();
                var g = new Generator(model)) {
            ModelFiles.save(g, run.resolve(ModelFiles.GENERATOR_FILE));
            ModelFiles.save(g, run.resolve(ModelFiles.AVERAGED_GENERATOR_FILE));
        }
    }

    @Test
    void theAveragedGeneratorGoesBesideItsWeightsUnlessTold() throws OrtException {
        MainTest.Result r = dcgan("export", run.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        Path averaged = run.resolve("netG_ema.onnx");
        assertThat(r.out().strip()).isEqualTo(averaged.toString());
        assertThat(metadata(averaged)).containsEntry("dcgan4j.generator", "averaged");

        Path raw = dir.resolve("out/raw.onnx");
        MainTest.Result rawRun = dcgan("export", run.toString(), "--raw", "--format", "ONNX", "--out", raw.toString());
        assertThat(rawRun.code()).as(rawRun.err()).isEqualTo(ExitCodes.OK);
        assertThat(metadata(raw))
                .containsEntry("dcgan4j.generator", "raw")
                .containsEntry("dcgan4j.weights", ModelFiles.GENERATOR_FILE)
                .doesNotContainKey("dcgan4j.step"); // these weights never trained
        try (var session = session(raw)) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrder("z", "class");
            assertThat(session.getOutputNames()).containsExactly("image");
        }
    }

    @Test
    void badInputIsOneLineExitCode2AndNoFile() throws IOException {
        Path notARun = Files.createDirectories(dir.resolve("empty"));
        Path aFile = Files.writeString(dir.resolve("notes.txt"), "not weights");
        Map<String[], String> cases = Map.of(
                new String[] {"export", notARun.toString()}, "not found: " + notARun.resolve("netG.safetensors"),
                new String[] {
                            "export",
                            aFile.toString(),
                            "--out",
                            dir.resolve("x.onnx").toString()
                        },
                        "is not a safetensors file",
                new String[] {
                            "export",
                            run.toString(),
                            "--out",
                            aFile.resolve("g.onnx").toString()
                        },
                        aFile + " is not a directory",
                new String[] {"export", run.toString(), "--out", dir.toString()}, "is a directory",
                new String[] {"export", run.toString(), "--format", "tflite"}, "Invalid value for option '--format'");
        for (var c : cases.entrySet()) {
            MainTest.Result r = dcgan(c.getKey());
            assertThat(r.code()).as(String.join(" ", c.getKey())).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines()).hasSize(1);
            assertThat(r.err()).contains(c.getValue()).doesNotContain("Exception");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.endsWith(".tmp") || n.equals("x.onnx") || n.equals("g.onnx"));
        }
    }

    private static Map<String, String> metadata(Path model) throws OrtException {
        try (var session = session(model)) {
            return session.getMetadata().getCustomMetadata();
        }
    }

    private static OrtSession session(Path model) throws OrtException {
        return OrtEnvironment.getEnvironment().createSession(model.toString(), new OrtSession.SessionOptions());
    }
}
