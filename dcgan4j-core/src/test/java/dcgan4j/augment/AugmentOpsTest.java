package dcgan4j.augment;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Tensors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each transform against a computation of its own, and each differentiable, in fp32 and bf16. */
class AugmentOpsTest {
    private PointerScope scope;

    @BeforeEach
    void open() {
        scope = new PointerScope();
    }

    @AfterEach
    void close() {
        scope.close();
    }

    @Test
    void translationIsTheSameAsASliceOfTheImageInAZeroFrame() {
        Tensor x = images(2, 3, 8, ScalarType.Float);
        long[][] shifts = {{2, -3}, {-1, 0}};
        Tensor out = ImageOps.translate(x, Tensors.indices(2, -1), Tensors.indices(-3, 0));
        for (int i = 0; i < 2; i++) {
            long dy = shifts[i][0], dx = shifts[i][1];
            Tensor expected = torch.zeros(3, 8, 8);
            expected.narrow(1, Math.max(dy, 0), 8 - Math.abs(dy))
                    .narrow(2, Math.max(dx, 0), 8 - Math.abs(dx))
                    .copy_(x.get(i)
                            .narrow(1, Math.max(-dy, 0), 8 - Math.abs(dy))
                            .narrow(2, Math.max(-dx, 0), 8 - Math.abs(dx)));
            assertThat(out.get(i).equal(expected)).as("image %d", i).isTrue();
        }
    }

    @Test
    void cutoutZeroesExactlyTheSquareAndItsPartInsideTheImage() {
        Tensor x = torch.ones(2, 2, 8, 8);
        Tensor out = ImageOps.cutout(x, Tensors.indices(1, -2), Tensors.indices(3, 6), 4);
        Tensor expected = torch.ones(2, 2, 8, 8);
        expected.get(0).narrow(1, 1, 4).narrow(2, 3, 4).zero_(); // rows 1-4, columns 3-6
        expected.get(1).narrow(1, 0, 2).narrow(2, 6, 2).zero_(); // rows -2-1 and columns 6-9, cut at the border
        assertThat(out.equal(expected)).isTrue();
    }

    @Test
    void randomCutoutZeroesAtMostASquareOfHalfTheSide() {
        Tensor out = Transform.CUTOUT.apply(torch.ones(16, 1, 8, 8), draws(3));
        float[] zeros = Tensors.toFloats(
                out.eq(new Scalar(0)).sum(new long[] {1, 2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional()));
        for (float z : zeros) {
            assertThat(z).isBetween(1f, 16f);
        }
        assertThat(zeros).contains(16f);
    }

    @Test
    void colourTransformsFollowTheirFormulasInFloat64() {
        Tensor x = images(2, 3, 4, ScalarType.Double);
        Tensor f = Tensors.fromDoubles(0.25, 1.75).view(2, 1, 1, 1);
        double[] v = doubles(x), f0 = {0.25, 1.75};
        double[] bright = doubles(ImageOps.brightness(x, f));
        double[] sat = doubles(ImageOps.saturation(x, f));
        double[] con = doubles(ImageOps.contrast(x, f));
        for (int n = 0; n < 2; n++) {
            double imageMean = 0;
            for (int i = 0; i < 48; i++) {
                imageMean += v[n * 48 + i] / 48;
            }
            for (int p = 0; p < 16; p++) {
                double grey = (v[n * 48 + p] + v[n * 48 + 16 + p] + v[n * 48 + 32 + p]) / 3;
                for (int c = 0; c < 3; c++) {
                    int i = n * 48 + c * 16 + p;
                    assertThat(bright[i]).isCloseTo(v[i] + f0[n], org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(sat[i])
                            .isCloseTo((v[i] - grey) * f0[n] + grey, org.assertj.core.data.Offset.offset(1e-12));
                    assertThat(con[i])
                            .isCloseTo(
                                    (v[i] - imageMean) * f0[n] + imageMean, org.assertj.core.data.Offset.offset(1e-12));
                }
            }
        }
    }

    /**
     * The one-gather blits against libtorch's flip, rot90 and the translation, applied to each image one
     * after another with the parameters the same draws give: equal bit for bit, for every mirror and turn.
     */
    @Test
    void adaBlitsAreLibtorchsFlipTurnAndTranslationInTurn() {
        Tensor x = images(64, 3, 8, ScalarType.Float);
        Tensor out = Blits.apply(x, 0.7, draws(6));
        Draws d = draws(6); // the draws again, in Blits' order
        boolean[] flip = and(bools(d.chance(x, 0.7)), bools(d.chance(x, 0.5)));
        boolean[] turned = bools(d.chance(x, 0.7));
        int[] turns = ints(d.integers(x, 0, 3));
        boolean[] moved = bools(d.chance(x, 0.7));
        int[] dy = ints(d.integers(x, -1, 1)), dx = ints(d.integers(x, -1, 1));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            Tensor one = x.narrow(0, i, 1);
            Tensor expected = flip[i] ? one.flip(3) : one;
            expected = expected.rot90(turned[i] ? turns[i] : 0, 2, 3);
            if (moved[i]) {
                expected = ImageOps.translate(expected, Tensors.indices(dy[i]), Tensors.indices(dx[i]));
            }
            assertThat(out.narrow(0, i, 1).equal(expected)).as("image %d", i).isTrue();
            seen.add(flip[i] + "/" + (turned[i] ? turns[i] : 0));
        }
        assertThat(seen).as("every mirror and turn met").hasSize(8);
    }

    /**
     * ADA's blits keep the unchanged image among their outcomes (augment.py: a chosen image is mirrored
     * with odds 1/2, turned 0..3 quarters uniformly): 4,000 copies of one 3×3 image (too small to be
     * moved: 1/8 of 3 rounds to 0) at p = 1, each of the 8 mirrors and turns counted. The bounds are 6
     * standard deviations of the binomial counts.
     */
    @Test
    void adaBlitsDrawTheUnchangedImageAsOftenAsAugmentPy() {
        Tensor one = images(1, 1, 3, ScalarType.Float);
        Tensor out = Blits.apply(one.expand(4000, 1, 3, 3).contiguous(), 1, draws(3));
        Tensor[] candidates = new Tensor[8];
        for (int q = 0; q < 4; q++) {
            candidates[2 * q] = one.rot90(q, 2, 3); // q = 0: the image itself
            candidates[2 * q + 1] = one.flip(3).rot90(q, 2, 3);
        }
        assertThat(outcomes(out, candidates)).allSatisfy(n -> assertThat(n).isBetween(500 - 125, 500 + 125));
    }

    /** How many images of the batch equal each candidate (1, C, H, W); every image must equal one. */
    private static List<Integer> outcomes(Tensor batch, Tensor... candidates) {
        List<Integer> counts = new ArrayList<>();
        int matched = 0;
        for (Tensor c : candidates) {
            int n = (int) batch.eq(c).flatten(1, -1).all(1).sum().item_long();
            counts.add(n);
            matched += n;
        }
        assertThat(matched).as("every image is one of the outcomes").isEqualTo(batch.size(0));
        return counts;
    }

    @ParameterizedTest
    @EnumSource(Transform.class)
    void everyTransformPassesAGradientToItsInputInFloat32AndUnderBf16Autocast(Transform t) {
        Tensor x = images(4, 3, 8, ScalarType.Float).requires_grad_(true);
        Tensor out = t.apply(x, draws(1));
        assertThat(Tensors.shape(out)).containsExactly(4, 3, 8, 8);
        assertUsefulGradient(out, x);
        try (var autocast = Precision.BF16.autocast(Device.CPU)) {
            Tensor half = images(4, 3, 8, ScalarType.BFloat16).requires_grad_(true);
            Tensor bf = t.apply(half, draws(1));
            assertThat(Tensors.dtype(bf)).isEqualTo(ScalarType.BFloat16);
            assertUsefulGradient(bf, half);
        }
    }

    @Test
    void theBlitsPassAGradientToEveryPixelTheyMoveInFloat32AndUnderBf16Autocast() {
        Tensor x = images(4, 3, 8, ScalarType.Float).requires_grad_(true);
        assertUsefulGradient(Blits.apply(x, 1, draws(1)), x);
        try (var autocast = Precision.BF16.autocast(Device.CPU)) {
            Tensor half = images(4, 3, 8, ScalarType.BFloat16).requires_grad_(true);
            Tensor bf = Blits.apply(half, 1, draws(1));
            assertThat(Tensors.dtype(bf)).isEqualTo(ScalarType.BFloat16);
            assertUsefulGradient(bf, half);
        }
    }

    @Test
    void diffAugmentAndAdaAtFullStrengthAreDifferentiableAndChangeEveryImage() {
        Tensor x = images(4, 3, 8, ScalarType.Float).requires_grad_(true);
        for (Tensor out : new Tensor[] {
            new DiffAugment("color,translation,cutout").apply(x, draws(2)), AdaPipeline.apply(x, 1, draws(2))
        }) {
            assertThat(Tensors.shape(out)).containsExactly(4, 3, 8, 8);
            assertThat(Tensors.toFloats(out.sub(x).abs().amax(new long[] {1, 2, 3}, false)))
                    .as("every image changed")
                    .doesNotContain(0f);
            assertUsefulGradient(out, x);
        }
    }

    @Test
    void adaAtZeroLeavesTheImagesBitwiseAloneAndDrawsNothing() {
        Tensor x = images(4, 3, 8, ScalarType.Float);
        var rng = torch.createCPUGenerator(5);
        var before = rng.get_state();
        assertThat(AdaPipeline.apply(x, 0, new Draws(rng)).equal(x)).isTrue();
        assertThat(rng.get_state().equal(before)).isTrue();
    }

    @Test
    void theSameSeedGivesTheSameAugmentation() {
        Tensor x = images(4, 3, 8, ScalarType.Float);
        Tensor a = new DiffAugment("color,translation,cutout").apply(x, draws(7));
        Tensor b = new DiffAugment("color,translation,cutout").apply(x, draws(7));
        Tensor c = new DiffAugment("color,translation,cutout").apply(x, draws(8));
        assertThat(a.equal(b)).isTrue();
        assertThat(a.equal(c)).isFalse();
    }

    private static void assertUsefulGradient(Tensor out, Tensor x) {
        Tensor weights =
                torch.linspace(new Scalar(-1), new Scalar(2), out.numel()).view_as(out);
        out.to(ScalarType.Float).mul(weights).sum().backward();
        Tensor grad = x.grad();
        assertThat(grad.defined()).isTrue();
        assertThat(grad.isfinite().all().item_bool()).as("finite").isTrue();
        assertThat(grad.abs().sum().item_double()).as("non-zero").isPositive();
    }

    private static int[] ints(Tensor t) {
        float[] values = Tensors.toFloats(t.flatten().to(ScalarType.Float));
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (int) values[i];
        }
        return out;
    }

    private static boolean[] bools(Tensor chosen) {
        int[] values = ints(chosen);
        boolean[] out = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] != 0;
        }
        return out;
    }

    private static boolean[] and(boolean[] a, boolean[] b) {
        boolean[] out = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] && b[i];
        }
        return out;
    }

    private static Draws draws(long seed) {
        return new Draws(torch.createCPUGenerator(seed));
    }

    /** (n, c, side, side) in (-1, 1), as D's inputs. */
    private static Tensor images(int n, int c, int side, ScalarType dtype) {
        var rng = new GeneratorOptional(torch.createCPUGenerator(n * 31L + c));
        return torch.randn(new long[] {n, c, side, side}, rng, new TensorOptions(ScalarType.Float))
                .tanh()
                .to(dtype);
    }

    private static double[] doubles(Tensor t) {
        Tensor c = t.contiguous();
        double[] out = new double[(int) c.numel()];
        c.data_ptr_double().get(out);
        return out;
    }
}
