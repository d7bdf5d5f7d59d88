package dcgan4j.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.Sampler;
import dcgan4j.sample.TrainedGenerator;
import dcgan4j.torch.Tensors;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export of a run that really trained (4 steps on the built-in digits, with the averaged G):
 * the file's names, shapes, metadata, IR version and operator set as documented, its images libtorch's
 * to 1e-4 and its pixels, by the documented mapping, the pictures {@code dcgan generate} draws.
 */
class OnnxExportRunTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(16).ndf(16).build();

    @TempDir
    static Path dir;

    private static RunDirectory run;

    @BeforeAll
    static void train() throws IOException {
        run = RunDirectory.create(dir.resolve("run"));
        try (ImageDataset digits = SyntheticDigits.generate(256, 1)) {
            Trainer.builder()
                    .data(digits)
                    .model(MODEL)
                    .config(TrainConfig.builder()
                            .epochs(1)
                            .batchSize(64)
                            .seed(5)
                            .ema(0.9)
                            .checkpointEvery(0)
                            .build())
                    .run(run)
                    .charts(false)
                    .build()
                    .train();
        }
    }

    @Test
    void theAveragedGeneratorOfARunRunsInOnnxRuntimeAsDocumented() throws Exception {
        Path file = dir.resolve("averaged.onnx");
        try (var scope = new PointerScope();
                var g = TrainedGenerator.load(run.root())) {
            g.exportOnnx(file);
            try (var ort = new OnnxRuntimeRun(file)) {
                var session = ort.session;
                assertThat(session.getInputNames()).containsExactly(OnnxExport.Z);
                assertThat(session.getOutputNames()).containsExactly(OnnxExport.IMAGE);
                var z = (ai.onnxruntime.TensorInfo)
                        session.getInputInfo().get(OnnxExport.Z).getInfo();
                assertThat(z.getShape()).containsExactly(-1, 16);
                assertThat(z.getDimensionNames()[0]).isEqualTo(OnnxExport.BATCH);
                var image = (ai.onnxruntime.TensorInfo)
                        session.getOutputInfo().get(OnnxExport.IMAGE).getInfo();
                assertThat(image.getShape()).containsExactly(-1, 1, 28, 28);
                var meta = session.getMetadata();
                assertThat(meta.getProducerName()).isEqualTo("dcgan4j");
                assertThat(meta.getCustomMetadata())
                        .containsEntry("dcgan4j.version", "development build")
                        .containsEntry(
                                "dcgan4j.run", run.root().toAbsolutePath().toString())
                        .containsEntry("dcgan4j.weights", ModelFiles.AVERAGED_GENERATOR_FILE)
                        .containsEntry("dcgan4j.step", "4")
                        .containsEntry("dcgan4j.generator", "averaged")
                        .containsEntry("dcgan4j.model", MODEL.toString())
                        .containsEntry("dcgan4j.output_range", "[-1, 1]")
                        .containsEntry(
                                "dcgan4j.pixel_mapping",
                                "pixel = floor(clamp((x + 1) / 2, 0, 1) * 255 + 0.5); channels: grey");

                var images = ort.run(Tensors.toFloats(LatentNoise.forSeeds(1, 64, MODEL)), 16, null);
                float[] expected = Tensors.toFloats(Sampler.generate(g.network(), 64, 1));
                assertThat(OnnxExportTest.maxDifference(images.values(), expected))
                        .isLessThanOrEqualTo(OnnxExportTest.TOLERANCE);
                assertPixelsAsGenerated(images.values(), g.images(64, 1));
            }
        }
        assertThat(versions(Files.readAllBytes(file)))
                .containsExactly((long) OnnxExport.IR_VERSION, (long) OnnxExport.OPSET);
    }

    @Test
    void theRawGeneratorIsExportedWhenAskedFor() throws Exception {
        Path file = dir.resolve("raw.onnx");
        try (var scope = new PointerScope();
                var g = TrainedGenerator.load(run.root(), ModelFiles.Pick.RAW)) {
            g.exportOnnx(file);
            try (var ort = new OnnxRuntimeRun(file)) {
                assertThat(ort.session.getMetadata().getCustomMetadata())
                        .containsEntry("dcgan4j.weights", ModelFiles.GENERATOR_FILE)
                        .containsEntry("dcgan4j.generator", "raw");
                var images = ort.run(Tensors.toFloats(LatentNoise.forSeeds(3, 5, MODEL)), 16, null);
                assertThat(OnnxExportTest.maxDifference(
                                images.values(), Tensors.toFloats(Sampler.generate(g.network(), 5, 3))))
                        .isLessThanOrEqualTo(OnnxExportTest.TOLERANCE);
            }
        }
    }

    @Test
    void aFailedExportLeavesNoFileBehind() throws Exception {
        Path blocker = Files.writeString(dir.resolve("a-file"), "not a directory");
        try (var scope = new PointerScope();
                var g = TrainedGenerator.load(run.root())) {
            assertThatThrownBy(() -> g.exportOnnx(blocker.resolve("g.onnx"))).isInstanceOf(IOException.class);
            assertThatThrownBy(() -> g.exportOnnx(dir)).hasMessageContaining("is a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")))
                    .isEmpty();
        }
    }

    /** The documented mapping of ONNX values to bytes gives dcgan's pixels (off by one where a value sits on a rounding edge). */
    private static void assertPixelsAsGenerated(float[] values, List<BufferedImage> generated) {
        int side = 28;
        int same = 0;
        for (int k = 0; k < generated.size(); k++) {
            int[] pixels = generated.get(k).getRaster().getPixels(0, 0, side, side, (int[]) null);
            for (int i = 0; i < pixels.length; i++) {
                double x = values[k * side * side + i];
                int pixel = (int) Math.floor(Math.min(1, Math.max(0, (x + 1) / 2)) * 255 + 0.5);
                assertThat(Math.abs(pixel - pixels[i])).isLessThanOrEqualTo(1);
                same += pixel == pixels[i] ? 1 : 0;
            }
        }
        assertThat(same).isGreaterThan(generated.size() * side * side * 99 / 100);
    }

    /** ModelProto's ir_version (field 1) and its operator set's version (opset_import, field 8 → 2), read back. */
    private static List<Long> versions(byte[] model) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(model);
        long ir = -1;
        long opset = -1;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            if (field == 1) {
                ir = in.readInt64();
            } else if (field == 8) {
                CodedInputStream set = in.readBytes().newCodedInput();
                for (int t = set.readTag(); t != 0; t = set.readTag()) {
                    if (WireFormat.getTagFieldNumber(t) == 2) {
                        opset = set.readInt64();
                    } else {
                        set.skipField(t);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        return List.of(ir, opset);
    }
}
