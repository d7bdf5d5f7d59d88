package dcgan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class PrecisionTest {
    @Test
    void bf16AutocastRunsConvolutionsInBfloat16AndSwitchesBackWhenClosed() {
        try (var scope = new PointerScope()) {
            Tensor x = torch.randn(2, 3, 8, 8);
            Tensor w = torch.randn(4, 3, 3, 3);
            try (var outer = Precision.BF16.autocast(Device.CPU)) {
                assertThat(torch.is_autocast_enabled(DeviceType.CPU)).isTrue();
                assertThat(Tensors.dtype(torch.conv2d(x, w))).isEqualTo(ScalarType.BFloat16);
                try (var inner = Precision.BF16.autocast(Device.CPU)) {
                    assertThat(Tensors.dtype(torch.conv2d(x, w))).isEqualTo(ScalarType.BFloat16);
                }
                assertThat(torch.is_autocast_enabled(DeviceType.CPU)).isTrue(); // nested scopes restore, not reset
                assertThat(Tensors.dtype(x.add(x))).isEqualTo(ScalarType.Float); // not on autocast's list: untouched
            }
            assertThat(torch.is_autocast_enabled(DeviceType.CPU)).isFalse();
            assertThat(Tensors.dtype(torch.conv2d(x, w))).isEqualTo(ScalarType.Float);
        }
    }

    @Test
    void fp32LeavesAutocastOffSoResultsAreThoseOfCodeWithoutIt() {
        try (var scope = new PointerScope()) {
            Tensor x = torch.randn(2, 3, 8, 8);
            Tensor w = torch.randn(4, 3, 3, 3);
            Tensor plain = torch.conv2d(x, w);
            try (var autocast = Precision.FP32.autocast(Device.CPU)) {
                assertThat(torch.is_autocast_enabled(DeviceType.CPU)).isFalse();
                assertThat(torch.conv2d(x, w).equal(plain)).isTrue();
            }
        }
    }

    @Test
    void namesParseAndFp16IsForCudaOnly() {
        assertThat(Precision.parse("BF16")).isEqualTo(Precision.BF16);
        assertThat(Precision.BF16).hasToString("bf16");
        assertThatThrownBy(() -> Precision.parse("int8"))
                .hasMessage("precision must be fp32, bf16 or fp16, got 'int8'");
        assertThatThrownBy(() -> Precision.FP16.checkSupported(Device.CPU))
                .hasMessage("fp16 precision needs a CUDA device; on the CPU use bf16");
        Precision.FP16.checkSupported(new Device(true, 0));
        Precision.BF16.checkSupported(Device.CPU);
    }
}
