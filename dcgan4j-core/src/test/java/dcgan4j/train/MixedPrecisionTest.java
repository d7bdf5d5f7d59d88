package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.io.Safetensors;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.Sampler;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.StepMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bf16 training on the CPU, through the same code as fp32 and as a CUDA device would take. */
class MixedPrecisionTest {
    private static final ModelConfig MODEL = new ModelConfig(28, 1, 16, 16, 16);
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(2)
            .batchSize(32)
            .seed(5)
            .sampleEvery(0)
            .sampleCount(16)
            .checkpointEvery(0)
            .build();
    private static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = SyntheticDigits.generate(128, 1); // 4 steps an epoch
    }

    @AfterAll
    static void release() {
        digits.close();
    }

    @Test
    void bf16StepsKeepWeightsGradientsAndOptimizerStateInFloat32AndDifferFromFp32() {
        try (var scope = new PointerScope()) {
            Tensor real = digits.batch(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, 0, 8);
            float[] bf16 = afterSteps(Precision.BF16, real);
            float[] fp32 = afterSteps(Precision.FP32, real);
            assertThat(bf16).hasSameSizeAs(fp32).isNotEqualTo(fp32); // autocast did change the arithmetic
            double maxDiff = 0;
            for (int i = 0; i < fp32.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(bf16[i] - fp32[i]));
            }
            assertThat(maxDiff).isLessThan(0.05); // …by bf16's rounding, not by a different computation
        }
    }

    /** G's weights after 3 steps in {@code precision}, after checking every tensor of the state is float32. */
    private static float[] afterSteps(Precision precision, Tensor real) {
        Torch.seed(11);
        try (var g = new Generator(MODEL);
                var d = new Discriminator(MODEL);
                var trainer = new GanStep(
                        g, d, CONFIG.toBuilder().precision(precision).build())) {
            for (int i = 0; i < 3; i++) {
                StepMetrics m = trainer.step(real);
                assertThat(m.diverged()).isFalse();
            }
            trainer.state().forEach((name, t) -> {
                if (!name.startsWith("rng.") && !name.endsWith(".step") && !name.endsWith("num_batches_tracked")) {
                    assertThat(Tensors.dtype(t)).as(name).isEqualTo(ScalarType.Float);
                }
            });
            for (long i = 0; i < g.parameters().size(); i++) {
                assertThat(Tensors.dtype(g.parameters().get(i).grad())).isEqualTo(ScalarType.Float);
            }
            return Tensors.toFloats(g.stateDict().get("main.0.weight"));
        }
    }

    @Test
    void aBf16RunResumesBitIdenticallyAndItsFp32WeightsRecordDeviceAndPrecision(@TempDir Path dir) throws IOException {
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        bf16Loop(whole, new TrainingListener() {}).train();

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        Trainer[] holder = new Trainer[1];
        holder[0] = bf16Loop(stopped, new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 3) {
                    holder[0].requestStop();
                }
            }
        });
        assertThat(holder[0].train().completed()).isFalse();
        Checkpoint latest = stopped.checkpoints(3).latest().orElseThrow();
        assertThat(latest.step()).isEqualTo(3);
        assertThat(bf16Loop(stopped, new TrainingListener() {}).resume(latest).completed())
                .isTrue();

        assertThat(Files.readAllBytes(stopped.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(stopped.generatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(stopped.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.discriminatorWeights()));

        RunDirectory run = whole;
        var saved = Safetensors.read(run.generatorWeights());
        assertThat(saved.metadata())
                .containsEntry(ModelFiles.PRECISION_KEY, "bf16")
                .containsEntry(ModelFiles.DEVICE_KEY, "cpu");
        saved.tensors()
                .forEach((name, t) -> assertThat(Tensors.dtype(t)).as(name).isIn(ScalarType.Float, ScalarType.Long));
        try (var scope = new PointerScope();
                Generator g = ModelFiles.loadGenerator(run.root())) {
            Tensor images = Sampler.generate(g, 4, 1); // fp32 generation, no autocast
            assertThat(Tensors.dtype(images)).isEqualTo(ScalarType.Float);
            assertThat(images.isfinite().all().item_bool()).isTrue();
        }
    }

    @Test
    void fp16IsRefusedOnTheCpuInLibraryTermsAndTheDeviceIsASettingAResumeMayChange() {
        assertThatThrownBy(() -> CONFIG.toBuilder().precision(Precision.FP16).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fp16 precision needs a CUDA device; on the CPU use bf16");
        TrainConfig onGpu = CONFIG.toBuilder()
                .device(new Device(true, 0))
                .precision(Precision.BF16)
                .build();
        assertThat(onGpu.withSchedule(CONFIG).device()).isEqualTo(Device.CPU); // resumed on the CPU…
        assertThat(onGpu.withSchedule(CONFIG).precision()).isEqualTo(Precision.BF16); // …in the run's precision
        TrainConfig fp16 = onGpu.toBuilder().precision(Precision.FP16).build();
        assertThatThrownBy(() -> fp16.withSchedule(CONFIG)).hasMessageContaining("fp16 precision needs a CUDA device");
    }

    private static Trainer bf16Loop(RunDirectory run, TrainingListener listener) throws IOException {
        return Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(CONFIG.toBuilder().precision(Precision.BF16).build())
                .run(run)
                .listener(listener)
                .build();
    }
}
