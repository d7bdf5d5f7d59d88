package dcgan4j.train.step;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.OptimizerChoice;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** fp16's loss scaling, exercised on the CPU in fp32 (the arithmetic is the same ops on any device). */
class LossScaleTest {
    @Test
    void scaledBackwardThenUnscaleGivesExactlyTheUnscaledGradients() {
        try (var scope = new PointerScope()) {
            Torch.load();
            Tensor w = torch.randn(5).requires_grad_(true);
            Tensor x = torch.randn(5);
            LossScale.off().backward(w.mul(x).sum().square());
            float[] plain = Tensors.toFloats(w.grad());
            w.grad().zero_();

            LossScale scale = LossScale.dynamic();
            scale.backward(w.mul(x).sum().square());
            assertThat(Tensors.toFloats(w.grad())[0]).isNotEqualTo(plain[0]); // scaled by 2^16
            assertThat(scale.unscale(new TensorVector(w))).isTrue();
            assertThat(Tensors.toFloats(w.grad())).containsExactly(plain); // a power of two: exact
        }
    }

    @Test
    void anOverflowSkipsTheUpdateAndHalvesTheScaleAndTheScaleIsCheckpointed() {
        try (var scope = new PointerScope()) {
            Torch.load();
            Tensor w = torch.ones(3).requires_grad_(true);
            NetworkOptimizer optimizer = new NetworkOptimizer(
                    new TensorVector(w), 0.1, 0.5, 0.999, OptimizerChoice.ADAM, LossScale.dynamic());
            optimizer.zeroGrad();
            optimizer.backward(w.mul(new Scalar(Float.MAX_VALUE)).sum()); // overflows once scaled
            optimizer.step(0);
            assertThat(Tensors.toFloats(w)).containsExactly(1f, 1f, 1f); // skipped
            Map<String, Tensor> state = optimizer.state();
            assertThat(state.get("scaler.scale").item_double()).isEqualTo(LossScale.INITIAL / 2);

            optimizer.zeroGrad();
            optimizer.backward(w.sum());
            optimizer.step(1);
            assertThat(Tensors.toFloats(w)[0]).isLessThan(1f); // a finite one is applied

            NetworkOptimizer resumed = new NetworkOptimizer(
                    new TensorVector(torch.ones(3).requires_grad_(true)),
                    0.1,
                    0.5,
                    0.999,
                    OptimizerChoice.ADAM,
                    LossScale.dynamic());
            resumed.restore(new LinkedHashMap<>(optimizer.state()));
            assertThat(resumed.state().get("scaler.scale").item_double()).isEqualTo(LossScale.INITIAL / 2);
            assertThat(resumed.state().get("scaler.good_steps").item_long()).isEqualTo(1);
        }
    }

    @Test
    void offItSavesNothingSoFp32CheckpointsStayAsTheyWere() {
        try (var scope = new PointerScope()) {
            Torch.load();
            Map<String, Tensor> state = new LinkedHashMap<>();
            LossScale.off().saveInto(state);
            assertThat(state).isEmpty();
        }
    }
}
