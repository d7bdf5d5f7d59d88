package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.StepMetrics;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The CUDA path against the CPU path. Runs only on the CUDA build with a visible GPU
 * ({@code ./mvnw -Pcuda verify}); elsewhere it is skipped, and {@link MixedPrecisionTest} and the
 * other training tests cover the same code with the device {@code cpu}.
 */
class CudaTrainingTest {
    private static final ModelConfig MODEL = new ModelConfig(28, 1, 16, 16, 16);
    private static final TrainConfig CONFIG =
            TrainConfig.builder().epochs(1).batchSize(16).seed(2).build();
    private static final Device GPU = new Device(true, 0);
    private static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = SyntheticDigits.generate(64, 2);
    }

    @AfterAll
    static void release() {
        digits.close();
    }

    @BeforeEach
    void needsAGpu() {
        assumeTrue(Device.cudaDevices() > 0, "no CUDA device: the CUDA path is covered on the CPU by the other tests");
    }

    @Test
    void stepsOnTheGpuFollowTheCpusFromTheSameSeed() {
        try (var scope = new PointerScope()) {
            StepMetrics[] cpu = steps(Device.CPU, Precision.FP32, null);
            StepMetrics[] gpu = steps(GPU, Precision.FP32, null);
            for (int i = 0; i < cpu.length; i++) { // other kernels, same maths: close, not bit-equal
                assertThat(gpu[i].lossD()).isCloseTo(cpu[i].lossD(), org.assertj.core.data.Offset.offset(0.05));
                assertThat(gpu[i].lossG()).isCloseTo(cpu[i].lossG(), org.assertj.core.data.Offset.offset(0.05));
            }
        }
    }

    @Test
    void aGpuStateIsOnTheCpuInFloat32AndResumesOnEitherDevice() {
        for (Precision precision : new Precision[] {Precision.FP32, Precision.BF16, Precision.FP16}) {
            try (var scope = new PointerScope()) {
                var saved = new AtomicReference<Map<String, Tensor>>();
                steps(GPU, precision, saved);
                assertThat(saved.get()).containsKey("rng.cuda");
                saved.get().forEach((name, t) -> {
                    assertThat(t.is_cpu()).as(name).isTrue();
                    if (name.startsWith("netG.") && name.endsWith("weight")) {
                        assertThat(Tensors.dtype(t)).as(name).isEqualTo(ScalarType.Float);
                    }
                });
                for (Device next : new Device[] {Device.CPU, GPU}) {
                    Precision there = next.cuda() ? precision : Precision.FP32;
                    try (var g = new Generator(MODEL);
                            var d = new Discriminator(MODEL);
                            var trainer = new GanStep(g, d, config(next, there))) {
                        trainer.restore(saved.get(), 3);
                        assertThat(trainer.step(batch()).diverged()).isFalse();
                    }
                }
            }
        }
    }

    private static StepMetrics[] steps(
            Device device, Precision precision, AtomicReference<Map<String, Tensor>> stateOut) {
        Torch.seed(CONFIG.seed());
        try (var g = new Generator(MODEL);
                var d = new Discriminator(MODEL);
                var trainer = new GanStep(g, d, config(device, precision))) {
            StepMetrics[] out = new StepMetrics[3];
            for (int i = 0; i < out.length; i++) {
                out[i] = trainer.step(batch());
            }
            if (stateOut != null) {
                stateOut.set(trainer.state());
            }
            return out;
        }
    }

    private static TrainConfig config(Device device, Precision precision) {
        return CONFIG.toBuilder().device(device).precision(precision).build();
    }

    private static Tensor batch() {
        int[] all = new int[16];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return digits.batch(all, 0, 16);
    }
}
