package dcgan4j.export;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.model.Generator;
import dcgan4j.model.GeneratorKind;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.OutputActivation;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of G dcgan4j trains, exported and run in ONNX Runtime on the z (and classes) libtorch's
 * {@link Sampler} is given: the two agree to 1e-4 at batch 1 and 64 on one session (the batch is
 * dynamic). The weights are random with activations of order 1 and BatchNorm statistics measured on
 * them, so a wrong operator, attribute or tensor would move the images by far more than 1e-4.
 */
class OnnxExportTest {
    static final double TOLERANCE = 1e-4;

    static Stream<ModelConfig> generators() {
        return Stream.of(
                ModelConfig.builder(28, 1).ngf(16).build(),
                ModelConfig.builder(32, 3).ngf(16).build(),
                ModelConfig.of(64, 3), // pytorch/examples' netG, channels-last inside
                ModelConfig.builder(128, 3).ngf(8).build(),
                ModelConfig.builder(28, 1)
                        .generator(GeneratorKind.UPSAMPLE)
                        .ngf(16)
                        .build(),
                ModelConfig.builder(28, 1)
                        .output(OutputActivation.SIGMOID)
                        .ngf(16)
                        .build(),
                ModelConfig.builder(32, 1).gDropout(0.5).ngf(16).build(),
                ModelConfig.builder(32, 3).gBatchNorm("none").ngf(16).build(),
                ModelConfig.builder(64, 1).gBatchNorm("2,4").ngf(8).build(),
                ModelConfig.builder(28, 1)
                        .generator(GeneratorKind.UPSAMPLE)
                        .gBatchNorm("none")
                        .ngf(16)
                        .build(),
                ModelConfig.builder(28, 1).classes(10).ngf(16).build(),
                ModelConfig.builder(32, 3)
                        .generator(GeneratorKind.UPSAMPLE)
                        .output(OutputActivation.SIGMOID)
                        .gDropout(0.4)
                        .gBatchNorm("1,3")
                        .classes(10)
                        .ngf(8)
                        .build());
    }

    @ParameterizedTest
    @MethodSource("generators")
    void onnxRuntimeDrawsTheImagesLibtorchDraws(ModelConfig model, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.onnx");
        try (var scope = new PointerScope();
                var g = randomGenerator(model, 3)) {
            OnnxExport.write(g, file, Map.of());
            try (var ort = new OnnxRuntimeRun(file)) {
                for (int n : new int[] {1, 64}) {
                    Tensor z = LatentNoise.forSeeds(11, n, model); // (n, nz, 1, 1)
                    Tensor labels = Sampler.cyclingLabels(n, model);
                    float[] expected = Tensors.toFloats(Sampler.generate(g, z, labels)); // in [-1, 1]
                    var images = ort.run(Tensors.toFloats(z), model.nz(), labels == null ? null : longs(labels));
                    assertThat(images.shape())
                            .containsExactly(n, model.channels(), model.imageSize(), model.imageSize());
                    float[] actual =
                            inMinusOneToOne(images.values(), model.variant().output());
                    assertThat(maxDifference(actual, expected))
                            .as("%s, batch %d", model, n)
                            .isLessThanOrEqualTo(TOLERANCE);
                    if (n > 1) {
                        assertThat(std(expected))
                                .as("images that tell mappings apart")
                                .isGreaterThan(0.1);
                    }
                }
            }
        }
    }

    /**
     * G with random weights of a scale that keeps activations of order 1 (the paper's N(0, 0.02) would
     * shrink them towards 0, where a wrong mapping hides), random biases and BatchNorm affine
     * parameters, and BatchNorm statistics of its own.
     */
    static Generator randomGenerator(ModelConfig model, long seed) {
        Torch.seed(seed);
        Generator g = new Generator(model);
        try (var noGrad = new NoGradGuard();
                var rng = LatentNoise.generator(seed)) {
            var from = new GeneratorOptional(rng);
            for (var e : g.stateDict().entrySet()) {
                Tensor t = e.getValue();
                if (Tensors.dtype(t) != ScalarType.Float || e.getKey().contains("running")) {
                    continue;
                }
                if (t.dim() == 4) { // ConvTranspose (in, out, k, k): about in·k²/4 terms per output
                    t.normal_(0, 2 / Math.sqrt(t.size(0) * t.size(2) * t.size(3)), from);
                } else if (t.dim() == 2) { // Linear (out, in)
                    t.normal_(0, 1 / Math.sqrt(t.size(1)), from);
                } else {
                    t.normal_(e.getKey().endsWith(".weight") ? 1 : 0, 0.3, from);
                }
            }
            g.recomputeBatchNormStatistics(2, 32, rng);
        }
        return g;
    }

    static float[] inMinusOneToOne(float[] output, OutputActivation activation) {
        float[] images = output.clone();
        for (int i = 0; activation == OutputActivation.SIGMOID && i < images.length; i++) {
            images[i] = images[i] * 2 - 1;
        }
        return images;
    }

    static long[] longs(Tensor labels) {
        Tensor l = labels.contiguous();
        long[] values = new long[(int) l.numel()];
        l.data_ptr_long().get(values);
        return values;
    }

    static double maxDifference(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x / (double) v.length;
        }
        double var = 0;
        for (float x : v) {
            var += (x - mean) * (x - mean) / v.length;
        }
        return Math.sqrt(var);
    }
}
