package dcgan4j.train.step;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Torch;
import dcgan4j.train.config.OptimizerChoice;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class NetworkOptimizerTest {
    @Test
    void rmspropClipsGradientsAndDecaysTheLearningRateAsKerasDoes() {
        try (var scope = new PointerScope()) {
            Torch.load();
            Tensor p = torch.zeros(1).requires_grad_(true);
            double lr = 0.01;
            var optimizer = new NetworkOptimizer(
                    new TensorVector(p),
                    lr,
                    0.5,
                    0.999,
                    new OptimizerChoice(OptimizerChoice.Kind.RMSPROP, 1.0, 1.0),
                    LossScale.off());
            double squareAvg = 0;
            double expected = 0;
            for (int t = 0; t < 2; t++) {
                optimizer.zeroGrad();
                p.mul(new Scalar(100.0)).sum().backward(); // gradient 100, clipped to 1
                optimizer.step(t);
                squareAvg = Optimizers.KERAS_RHO * squareAvg + (1 - Optimizers.KERAS_RHO);
                expected -= lr / (1 + 1.0 * t) / (Math.sqrt(squareAvg) + Optimizers.KERAS_EPSILON);
                assertThat((double) p.item_float())
                        .as("after update %d", t)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }
}
