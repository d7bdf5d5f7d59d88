package dcgan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.train.step.Optimizers;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
import org.bytedeco.pytorch.Optimizer;
import org.bytedeco.pytorch.RMSprop;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class OptimizerStateTest {
    @Test
    void restoredAdamTakesExactlyTheStepTheOriginalWouldHaveTaken() {
        try (var scope = new PointerScope()) {
            Torch.load();
            torch.manual_seed(7);
            Tensor a = torch.randn(3, 4).requires_grad_(true);
            Tensor b = torch.randn(5).requires_grad_(true);
            Adam original = Optimizers.adam(new TensorVector(a, b), 0.01, 0.5, 0.999);
            for (int i = 0; i < 3; i++) {
                step(original, a, b);
            }
            Map<String, Tensor> exported = OptimizerState.export(original);
            assertThat(exported.keySet())
                    .containsExactly("0.step", "0.exp_avg", "0.exp_avg_sq", "1.step", "1.exp_avg", "1.exp_avg_sq");
            assertThat(exported.get("1.step").item_long()).isEqualTo(3);

            Tensor a2 = a.detach().clone().requires_grad_(true);
            Tensor b2 = b.detach().clone().requires_grad_(true);
            Adam restored = Optimizers.adam(new TensorVector(a2, b2), 0.01, 0.5, 0.999);
            OptimizerState.restore(restored, exported);
            Tensor a3 = a.detach().clone().requires_grad_(true);
            Tensor b3 = b.detach().clone().requires_grad_(true);
            Adam fresh = Optimizers.adam(new TensorVector(a3, b3), 0.01, 0.5, 0.999);

            step(original, a, b);
            step(restored, a2, b2);
            step(fresh, a3, b3);
            assertThat(torch.equal(a, a2) && torch.equal(b, b2)).isTrue();
            assertThat(torch.equal(a, a3))
                    .as("without its state Adam takes another step")
                    .isFalse();
        }
    }

    @Test
    void restoredRmspropTakesExactlyTheStepTheOriginalWouldHaveTaken() {
        try (var scope = new PointerScope()) {
            Torch.load();
            torch.manual_seed(8);
            Tensor a = torch.randn(3, 4).requires_grad_(true);
            RMSprop original = Optimizers.rmsprop(new TensorVector(a), 0.01);
            for (int i = 0; i < 3; i++) {
                step(original, a);
            }
            Map<String, Tensor> exported = OptimizerState.export(original);
            assertThat(exported).containsKeys("0.step", "0.square_avg");

            Tensor a2 = a.detach().clone().requires_grad_(true);
            RMSprop restored = Optimizers.rmsprop(new TensorVector(a2), 0.01);
            OptimizerState.restore(restored, exported);
            Tensor a3 = a.detach().clone().requires_grad_(true);
            RMSprop fresh = Optimizers.rmsprop(new TensorVector(a3), 0.01);

            step(original, a);
            step(restored, a2);
            step(fresh, a3);
            assertThat(torch.equal(a, a2)).isTrue();
            assertThat(torch.equal(a, a3))
                    .as("without its state RMSprop takes another step")
                    .isFalse();
        }
    }

    @Test
    void stateForAParameterTheOptimizerDoesNotHaveIsRefused() {
        try (var scope = new PointerScope()) {
            Torch.load();
            Tensor p = torch.zeros(2).requires_grad_(true);
            Adam adam = Optimizers.adam(new TensorVector(p), 0.01, 0.5, 0.999);
            assertThatThrownBy(() -> OptimizerState.restore(adam, Map.of("4.exp_avg", torch.zeros(2))))
                    .hasMessageContaining("parameter 4");
        }
    }

    private static void step(Optimizer optimizer, Tensor a) {
        optimizer.zero_grad();
        a.pow(new Scalar(2)).sum().add(a.sin().sum()).backward();
        optimizer.step();
    }

    private static void step(Adam adam, Tensor a, Tensor b) {
        adam.zero_grad();
        a.pow(new Scalar(2)).sum().add(b.sin().sum()).backward();
        adam.step();
    }
}
