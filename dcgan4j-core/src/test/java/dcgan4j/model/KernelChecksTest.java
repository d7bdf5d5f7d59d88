package dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.conv.Kernels;
import dcgan4j.conv.LayerCheck;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Torch;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The check a training run makes before it writes anything: every distinct layer, in each arithmetic. */
class KernelChecksTest {
    @Test
    void everyDistinctLayerOfGAndDIsCheckedInEachArithmeticAndNoRandomNumberIsDrawn() {
        try (var scope = new PointerScope()) {
            Torch.seed(12);
            Tensor state = torch.getDefaultCPUGenerator().get_state();
            List<LayerCheck> checks = Network.checkKernels(ModelConfig.of(28, 1), Precision.BF16, Device.CPU);
            assertThat(torch.getDefaultCPUGenerator().get_state().equal(state)).isTrue();
            // G: 4 transposed convolutions, D: 4 convolutions, all of different shapes; fp32 and bf16
            assertThat(checks).hasSize(16);
            assertThat(checks.subList(0, 8))
                    .allSatisfy(c -> assertThat(c.precision()).isEqualTo(Precision.FP32));
            assertThat(checks)
                    .allSatisfy(
                            c -> assertThat(c.chosen()).as(c.shape().toString()).isNotNull());
            assertThat(checks)
                    .filteredOn(c -> c.shape().fullContraction())
                    .hasSize(4)
                    .allSatisfy(c -> assertThat(c.chosen()).isEqualTo(Kernels.MATMUL));
            assertThat(Network.checkKernels(ModelConfig.of(28, 1), Precision.BF16, Device.CPU))
                    .isEqualTo(checks);
        }
    }
}
