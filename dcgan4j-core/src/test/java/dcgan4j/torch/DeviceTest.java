package dcgan4j.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class DeviceTest {
    @Test
    void namesParseAndPrintAsConfigurationsWriteThem() {
        assertThat(Device.resolve("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.resolve(" CPU ")).hasToString("cpu");
        assertThat(new Device(true, 2)).hasToString("cuda:2");
        assertThatThrownBy(() -> Device.resolve("gpu"))
                .isInstanceOf(IllegalArgumentException.class)
                .isNotInstanceOf(Device.Unavailable.class)
                .hasMessage("device must be auto, cpu, cuda or cuda:N, got 'gpu'");
        assertThatThrownBy(() -> Device.resolve("cuda:-1")).hasMessageStartingWith("device must be");
        assertThatThrownBy(() -> new Device(false, 1)).hasMessage("not a device: cpu:1");
    }

    @Test
    void theCpuBuildResolvesAutoToTheCpuAndRefusesCudaSayingTheBuildLacksIt() {
        assumeFalse(Device.cudaBuild(), "the CUDA build (-Pcuda)"); // the default build: CPU natives only
        assertThat(Device.cudaDevices()).isZero();
        assertThat(Device.resolve("auto")).isEqualTo(Device.CPU);
        for (String cuda : new String[] {"cuda", "cuda:0", "CUDA:1"}) {
            assertThatThrownBy(() -> Device.resolve(cuda))
                    .isInstanceOf(Device.Unavailable.class)
                    .hasMessageContaining("needs the CUDA build of dcgan4j; this one has CPU natives only");
        }
    }

    @Test
    void aCudaBuildWithoutAVisibleGpuOrWithFewerGpusSaysSo() {
        Device first = new Device(true, 0);
        assertThatThrownBy(() -> Device.check(first, true, 0))
                .isInstanceOf(Device.Unavailable.class)
                .hasMessage("device cuda:0: this build has CUDA, but no CUDA GPU is visible "
                        + "(no device, no driver, or CUDA_VISIBLE_DEVICES hides them)");
        assertThatThrownBy(() -> Device.check(new Device(true, 2), true, 2))
                .hasMessage("device cuda:2 does not exist: 2 CUDA devices are visible (cuda:0 to cuda:1)");
        assertThatThrownBy(() -> Device.check(new Device(true, 1), true, 1))
                .hasMessage("device cuda:1 does not exist: 1 CUDA device is visible (cuda:0)");
        Device.check(first, true, 1); // there is one: accepted
    }

    @Test
    void optionsMakeTensorsOnTheDeviceInTheType() {
        try (var scope = new PointerScope()) {
            var t = torch.zeros(new long[] {2, 3}, Device.CPU.options(ScalarType.Half));
            assertThat(Tensors.dtype(t)).isEqualTo(ScalarType.Half);
            assertThat(t.is_cpu()).isTrue();
            assertThat(Device.CPU.torchDevice().is_cpu()).isTrue();
            assertThat(new Device(true, 3).torchDevice().index()).isEqualTo((byte) 3);
        }
    }
}
