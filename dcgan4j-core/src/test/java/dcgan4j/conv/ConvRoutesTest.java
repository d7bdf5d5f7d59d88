package dcgan4j.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.conv.FaultyKernel.Fault;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The start-up check: each kernel against float64, a wrong one caught, and what is used instead. */
class ConvRoutesTest {
    /** G's first layer at 64×64 and D's last: the two shapes oneDNN computes wrong on AMD Zen 5. */
    private static final ConvShape G_FIRST = ConvShape.transposed(100, 512, 4, 1, 0, 1, false);

    private static final ConvShape D_LAST = ConvShape.conv(512, 1, 4, 1, 0, 4, false);
    /** A middle layer of G, which only the general kernels handle. */
    private static final ConvShape G_MIDDLE = ConvShape.transposed(128, 64, 4, 2, 1, 7, false);

    private static final ConvShape D_FIRST_WITH_BIAS = ConvShape.conv(3, 64, 4, 2, 1, 32, true);

    @BeforeAll
    static void load() {
        Torch.load();
    }

    @Test
    void shapesKnowTheirOutputsAndWhichAreFullContractions() {
        assertThat(G_FIRST.outputSide()).isEqualTo(4);
        assertThat(D_LAST.outputSide()).isEqualTo(1);
        assertThat(G_MIDDLE.outputSide()).isEqualTo(14);
        assertThat(ConvShape.conv(64, 128, 4, 2, 1, 28, false).outputSide()).isEqualTo(14);
        assertThat(G_FIRST.fullContraction()).isTrue();
        assertThat(D_LAST.fullContraction()).isTrue();
        assertThat(G_MIDDLE.fullContraction()).isFalse();
        assertThat(Kernels.MATMUL.handles(G_MIDDLE)).isFalse();
        assertThatThrownBy(() -> ConvShape.conv(0, 1, 4, 1, 0, 4, false)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The lowerings are the convolution itself: in float64 they agree with libtorch's own op to rounding. */
    @Test
    void theMatrixProductAndIm2colAreTheConvolutionInFloat64() {
        try (var scope = new PointerScope()) {
            for (ConvShape shape :
                    List.of(G_FIRST, D_LAST, G_MIDDLE, D_FIRST_WITH_BIAS, D_LAST.withChannelsLast(true))) {
                Torch.seed(4);
                Tensor x = torch.randn(3, shape.in(), shape.inputSide(), shape.inputSide())
                        .to(torch.ScalarType.Double);
                Tensor w = torch.randn(shape.weightShape()).to(torch.ScalarType.Double);
                Tensor b = shape.bias() ? torch.randn(shape.out()).to(torch.ScalarType.Double) : null;
                Tensor expected = Kernels.LIBTORCH.apply(shape, x, w, b);
                for (Kernels k : Kernels.values()) {
                    if (k.handles(shape)) {
                        double diff = k.apply(shape, x, w, b)
                                .sub(expected)
                                .abs()
                                .max()
                                .item_double();
                        assertThat(diff)
                                .as(k + " " + shape)
                                .isLessThan(1e-9 * expected.abs().max().item_double());
                    }
                }
            }
        }
    }

    /** Each of dcgan4j's kernels agrees with float64 here, in both arithmetics the CPU trains in. */
    @ParameterizedTest
    @EnumSource(
            value = Precision.class,
            names = {"FP32", "BF16"})
    void dcgan4jsChosenKernelsAgreeWithFloat64(Precision precision) {
        var routes = new ConvRoutes(List.of(Kernels.values()));
        for (ConvShape shape : List.of(G_FIRST, D_LAST, G_MIDDLE, D_FIRST_WITH_BIAS)) {
            LayerCheck check = routes.measureAll(shape, precision, Device.CPU);
            assertThat(check.chosen())
                    .as(shape + " " + precision + ": " + check.tried())
                    .isNotNull();
            assertThat(check.errorOf(Kernels.IM2COL).orElseThrow().within(check.tolerance()))
                    .as(shape.toString())
                    .isTrue();
            if (shape.fullContraction()) {
                assertThat(check.chosen()).isEqualTo(Kernels.MATMUL); // by construction, whatever the CPU
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aWrongKernelIsCaughtAndTheNextRightOneComputesTheLayer(Fault fault) {
        var faulty = new FaultyKernel(fault);
        var routes = new ConvRoutes(List.of(faulty, Kernels.IM2COL));
        LayerCheck check =
                routes.check(List.of(G_MIDDLE), Precision.FP32, Device.CPU).get(0);
        assertThat(check.chosen()).isEqualTo(Kernels.IM2COL);
        KernelError wrong = check.passedOver().get(0);
        assertThat(wrong.kernel()).isEqualTo(faulty);
        if (fault == Fault.OUTPUT) {
            assertThat(wrong.output()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-3));
            assertThat(wrong.inputGradient()).isGreaterThan(0.1); // a scaled output has scaled gradients too
        } else {
            assertThat(wrong.output()).isLessThan(1e-6); // right values, wrong gradient
            assertThat(wrong.inputGradient()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-3));
        }
        assertThat(check.warning())
                .contains(
                        "conv_transpose2d 128->64 7x7->14x14 k4 s2 p1",
                        "in fp32",
                        "faulty's ",
                        fault == Fault.OUTPUT
                                ? "faulty's output 0.20, input gradient 0.20"
                                : "faulty's input gradient 0.50",
                        "computing it with im2col instead");
        try (var scope = new PointerScope()) { // and the layer is then computed right
            Torch.seed(3);
            Tensor x = torch.randn(2, 128, 7, 7);
            Tensor w = torch.randn(128, 64, 4, 4);
            Tensor got = routes.apply(G_MIDDLE, x, w, null);
            Tensor expected = Kernels.LIBTORCH.apply(
                    G_MIDDLE, x.to(torch.ScalarType.Double), w.to(torch.ScalarType.Double), null);
            assertThat(got.to(torch.ScalarType.Double).sub(expected).abs().max().item_double())
                    .isLessThan(1e-3);
        }
    }

    @Test
    void whenNoKernelIsRightTheLayerIsRefusedWithOneLine() {
        var routes = new ConvRoutes(List.of(new FaultyKernel(Fault.OUTPUT)));
        assertThatThrownBy(() -> routes.check(List.of(G_FIRST), Precision.FP32, Device.CPU))
                .isInstanceOf(KernelFaultException.class)
                .hasMessageNotContaining("\n")
                .hasMessageContaining("conv_transpose2d 100->512 1x1->4x4 k4 s1 p0 in fp32: faulty's output 0.20")
                .hasMessageContaining("no other kernel is right");
        try (var scope = new PointerScope()) { // and so is every use of it, not only the check
            assertThatThrownBy(
                            () -> routes.apply(G_FIRST, torch.randn(2, 100, 1, 1), torch.randn(100, 512, 4, 4), null))
                    .isInstanceOf(KernelFaultException.class);
        }
    }

    @Test
    void trustingRoutesComputeWithTheirKernelUnchecked() {
        var routes = ConvRoutes.trusting(new FaultyKernel(Fault.OUTPUT));
        LayerCheck check =
                routes.check(List.of(G_FIRST), Precision.FP32, Device.CPU).get(0);
        assertThat(check.tried()).isEmpty();
        assertThat(check.chosen()).hasToString("faulty");
    }

    @Test
    void aCheckDrawsNothingFromLibtorchsRandomNumbersAndLeavesAutocastAsItWas() {
        try (var scope = new PointerScope()) {
            Torch.seed(9);
            float expected = torch.randn(1).item_float();
            Torch.seed(9);
            try (var autocast = Precision.BF16.autocast(Device.CPU)) {
                new ConvRoutes(List.of(Kernels.values())).check(List.of(G_MIDDLE), Precision.BF16, Device.CPU);
                assertThat(torch.is_autocast_enabled(Device.CPU.type())).isTrue();
            }
            assertThat(torch.randn(1).item_float()).isEqualTo(expected);
        }
    }
}
