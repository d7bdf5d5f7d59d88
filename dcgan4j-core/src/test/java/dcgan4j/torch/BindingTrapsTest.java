package dcgan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.train.step.Optimizers;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The traps of the JavaCPP libtorch bindings measured on this project, each pinned by a test. */
class BindingTrapsTest {

    @BeforeAll
    static void load() {
        Torch.load();
    }

    /**
     * {@code StringTensorDict.get(i).value()} is a reference into the dict's memory: kept after the
     * dict is collected it dangles (a SIGSEGV in a 2-minute run). Network copies each into its own handle.
     */
    @Test
    void stateDictTensorsOwnTheirHandlesInsteadOfPointingIntoTheDict() {
        try (var g = new dcgan4j.model.Generator(dcgan4j.model.ModelConfig.of(28, 1))) {
            var view = new org.bytedeco.pytorch.Module("m");
            view.register_parameter("w", torch.zeros(2));
            assertThat(view.named_parameters().get(0).value().referenceCount())
                    .as("the binding's own value()")
                    .isEqualTo(-1);
            assertThat(g.stateDict().values())
                    .allSatisfy(t -> assertThat(t.referenceCount()).isNotNegative());
        }
    }

    @Test
    void longsSetsEveryElementNotJustOneIndex() {
        var options = new Conv2dOptions(3, 8, Tensors.longs(4, 4));
        options.stride().put(new long[] {2, 2});
        assertThat(options.kernel_size().get(0)).isEqualTo(4);
        assertThat(options.kernel_size().get(1)).isEqualTo(4);
        assertThat(options.stride().get(1)).isEqualTo(2);
    }

    @Test
    void adamRunsWithBeta1AsFirstMomentDecay() {
        // Two steps with gradients 1 then 2 on one weight. Adam's second update is
        // lr * m2hat / (sqrt(v2hat) + eps) with m2hat = (b1 + 2) / (1 + b1), v2hat = (b2 + 4) / (1 + b2),
        // which tells beta1 = 0.5 (update 1.0539 lr) from a swapped pair (0.866 lr).
        double lr = 0.1;
        double b1 = 0.5;
        double b2 = 0.999;
        try (var scope = new PointerScope()) {
            Tensor w = torch.zeros(1).requires_grad_(true);
            TensorVector params = new TensorVector(w);
            var adam = Optimizers.adam(params, lr, b1, b2);
            float before = 0;
            for (int g = 1; g <= 2; g++) {
                adam.zero_grad();
                before = w.item_float();
                w.mul(new org.bytedeco.pytorch.Scalar((double) g)).sum().backward();
                adam.step();
            }
            double m = (b1 + 2) / (1 + b1);
            double v = (b2 + 4) / (1 + b2);
            double expected = -lr * m / (Math.sqrt(v) + 1e-8);
            assertThat((double) (w.item_float() - before)).isCloseTo(expected, within(1e-6));
        }
    }

    @Test
    void nativeEnumsCompareOnlyAfterIntern() {
        try (var scope = new PointerScope()) {
            Tensor t = torch.zeros(2);
            assertThat(Tensors.dtype(t)).isSameAs(ScalarType.Float);
            assertThat(Tensors.dtype(t.to(ScalarType.Long))).isSameAs(ScalarType.Long);
        }
    }

    @Test
    void libtorchIsLoadedFromTheUnpackedBindingsNotFromTheSystem() throws IOException {
        String cache = Loader.getCacheDir().getCanonicalPath();
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertThat(maps.lines().filter(l -> l.contains("libtorch_cpu.so")))
                .isNotEmpty()
                .allMatch(l -> l.contains(cache + File.separator), "mapped from " + cache);
    }

    @Test
    void aPointerScopePerIterationKeepsNativeObjectsFromPilingUp() {
        try (var scope = new PointerScope()) {
            iterate(5);
        }
        long before = Pointer.totalCount();
        try (var outer = new PointerScope()) {
            for (int i = 0; i < 200; i++) {
                try (var scope = new PointerScope()) {
                    iterate(1);
                }
            }
        }
        assertThat(Pointer.totalCount()).isLessThanOrEqualTo(before + 5);
    }

    private static void iterate(int times) {
        for (int i = 0; i < times; i++) {
            Tensor x = torch.randn(16, 16).requires_grad_(true);
            x.matmul(x).tanh().sum().backward();
            x.grad().mean().item_float();
        }
    }
}
