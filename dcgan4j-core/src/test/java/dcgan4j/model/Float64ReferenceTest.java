package dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.FaultyKernel;
import dcgan4j.conv.Kernels;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * G and D as dcgan4j computes them, against the same networks evaluated in float64: the outputs and
 * every parameter's gradient on a small batch, for every configuration the networks come in (128×128
 * with 3 channels only: float64's plain CPU convolutions take half a minute on one channel there). This is
 * the test that would have caught oneDNN's wrong kernels on AMD Zen 5 (there G's output was off by a
 * quarter and D's input gradient by up to 100%); it must pass on every machine.
 *
 * <p>Each tensor is compared by its relative error in norm, |got − float64| / |float64|. Tolerances:
 * 5e-3 in float32 (measured up to 1.3e-3, in G at 128×128, and 3e-4 at 64×64, alike whichever
 * kernel computes the convolutions: Tanh's gradient 1 − y² loses digits where y nears ±1, and
 * BatchNorm's backward subtracts nearly equal sums); 0.25 in bf16 (measured up to 0.12 with each of dcgan4j's kernels: every convolution
 * rounds its inputs and output to 8 bits of mantissa, forward and backward). The wrong kernels of AMD
 * Zen 5 gave 0.32 to 0.50 in float32 and 0.43, 0.75 and NaN in bf16.
 */
class Float64ReferenceTest {
    private static final double FP32_TOLERANCE = 5e-3;
    private static final double BF16_TOLERANCE = 0.25;
    private static final int BATCH = 4;

    static Stream<Arguments> configurations() {
        ModelVariant paper = ModelVariant.PAPER;
        ModelVariant upsample = new ModelVariant(
                GeneratorKind.UPSAMPLE,
                OutputActivation.TANH,
                0,
                0,
                BatchNormLayers.PAPER,
                BatchNormLayers.PAPER,
                NoiseDistribution.NORMAL,
                0);
        ModelVariant dropout = new ModelVariant(
                GeneratorKind.DCGAN,
                OutputActivation.TANH,
                0.3,
                0.4,
                BatchNormLayers.PAPER,
                BatchNormLayers.PAPER,
                NoiseDistribution.NORMAL,
                0);
        return Stream.of(
                Arguments.of(ModelConfig.of(28, 1), Precision.FP32),
                Arguments.of(ModelConfig.of(28, 3), Precision.FP32),
                Arguments.of(ModelConfig.of(32, 1), Precision.FP32),
                Arguments.of(ModelConfig.of(32, 3), Precision.FP32),
                Arguments.of(ModelConfig.of(64, 1), Precision.FP32),
                Arguments.of(ModelConfig.of(64, 3), Precision.FP32),
                Arguments.of(ModelConfig.of(128, 3), Precision.FP32),
                Arguments.of(ModelConfig.of(28, 1).with(paper.withClasses(10)), Precision.FP32),
                Arguments.of(ModelConfig.of(64, 3).with(paper.withClasses(10)), Precision.FP32),
                Arguments.of(ModelConfig.of(28, 1).with(upsample), Precision.FP32),
                Arguments.of(ModelConfig.of(32, 3).with(upsample), Precision.FP32),
                Arguments.of(ModelConfig.of(28, 1).with(dropout), Precision.FP32),
                Arguments.of(ModelConfig.of(28, 1), Precision.BF16),
                Arguments.of(ModelConfig.of(64, 3), Precision.BF16),
                Arguments.of(ModelConfig.of(28, 1).with(paper.withClasses(10)), Precision.BF16),
                Arguments.of(ModelConfig.of(28, 1).with(upsample), Precision.BF16));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("configurations")
    void generatorAndDiscriminatorAgreeWithFloat64(ModelConfig model, Precision precision) {
        try (var scope = new PointerScope()) {
            Torch.seed(1);
            assertAgrees(new Generator(model), new Generator(model), latent(model), labels(model), precision);
            assertAgrees(new Discriminator(model), new Discriminator(model), images(model), labels(model), precision);
        }
    }

    /** A kernel that is wrong, trusted unchecked, fails this comparison; checked, it is replaced and passes. */
    @Test
    void aWrongKernelFailsTheComparisonUnlessTheCheckReplacesIt() {
        ModelConfig model = ModelConfig.of(28, 1);
        var wrong = new FaultyKernel(FaultyKernel.Fault.INPUT_GRADIENT);
        try (var scope = new PointerScope()) {
            Torch.seed(1);
            var trusted = errors(
                    new Discriminator(model, ConvRoutes.trusting(wrong)),
                    new Discriminator(model),
                    images(model),
                    null,
                    Precision.FP32);
            assertThat(worst(trusted)).isGreaterThan(0.1);
            var checked = errors(
                    new Discriminator(model, new ConvRoutes(List.of(wrong, Kernels.IM2COL))),
                    new Discriminator(model),
                    images(model),
                    null,
                    Precision.FP32);
            assertThat(worst(checked)).isLessThan(FP32_TOLERANCE);
        }
    }

    private static void assertAgrees(
            Network network, Network reference, Tensor input, Tensor labels, Precision precision) {
        double tolerance = precision == Precision.FP32 ? FP32_TOLERANCE : BF16_TOLERANCE;
        Map<String, Double> errors = errors(network, reference, input, labels, precision);
        assertThat(errors)
                .as("relative errors against float64")
                .isNotEmpty()
                .allSatisfy((name, error) -> assertThat(error).as(name).isLessThanOrEqualTo(tolerance));
    }

    /**
     * Relative error of the output and of each parameter's gradient, {@code network} (in
     * {@code precision}) against {@code reference} given the same weights in float64. Both train
     * (BatchNorm on batch statistics) and draw the same dropout masks from the same seed.
     */
    private static Map<String, Double> errors(
            Network network, Network reference, Tensor input, Tensor labels, Precision precision) {
        try (network;
                reference) {
            reference.loadStateDict(network.stateDict());
            reference.toFloat64();
            Tensor upstream = null;
            Map<String, Double> errors = new LinkedHashMap<>();
            List<Tensor> outputs = new ArrayList<>();
            for (Network n : List.of(network, reference)) {
                n.train(true);
                Torch.seed(7);
                Tensor out;
                try (var autocast = (n == network ? precision : Precision.FP32).autocast(Device.CPU)) {
                    out = n.forward(n == network ? input : input.to(ScalarType.Double), labels);
                }
                out = out.to(ScalarType.Double);
                if (upstream == null) {
                    upstream = torch.randn(Tensors.shape(out)).to(ScalarType.Double);
                }
                out.mul(upstream).sum().backward();
                outputs.add(out.detach());
            }
            errors.put("output", relative(outputs.get(0), outputs.get(1)));
            Map<String, Tensor> expected = reference.namedParameters();
            network.namedParameters()
                    .forEach((name, p) -> errors.put(
                            name + ".grad",
                            relative(p.grad(), expected.get(name).grad())));
            return errors;
        }
    }

    private static double relative(Tensor got, Tensor expected) {
        double diff = got.to(ScalarType.Double).sub(expected).norm().item_double();
        return Double.isFinite(diff) ? diff / expected.norm().item_double() : Double.POSITIVE_INFINITY;
    }

    private static double worst(Map<String, Double> errors) {
        return errors.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    private static Tensor latent(ModelConfig model) {
        return torch.randn(BATCH, model.nz(), 1, 1);
    }

    private static Tensor images(ModelConfig model) {
        return torch.rand(BATCH, model.channels(), model.imageSize(), model.imageSize())
                .mul_(new org.bytedeco.pytorch.Scalar(2))
                .sub_(new org.bytedeco.pytorch.Scalar(1));
    }

    private static Tensor labels(ModelConfig model) {
        return model.variant().conditional() ? Tensors.indices(3, 1, 4, 1) : null;
    }
}
