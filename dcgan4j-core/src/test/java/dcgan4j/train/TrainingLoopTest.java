package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingLoopTest {
    private static final ModelConfig MODEL = new ModelConfig(28, 1, 16, 16, 16);
    private static final TrainConfig CONFIG = new TrainConfig(2, 32, 2e-4, 2e-4, 0.5, 0.999, 3, 3, 16, false);
    private static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = SyntheticDigits.generate(256, 1);
    }

    @AfterAll
    static void release() {
        digits.close();
    }

    @Test
    void aRunFillsItsDirectoryWithGridsMetricsAndReloadableWeights(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        long steps = new TrainingLoop(digits, MODEL, CONFIG, run, new TrainingListener() {}).run();

        assertThat(steps).isEqualTo(16);                          // 2 epochs x 256/32 batches
        assertThat(Files.list(run.root()).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("real_samples.png", "metrics.csv", "netG.safetensors", "netD.safetensors",
                        "fake_samples_step_3.png", "fake_samples_step_6.png", "fake_samples_step_8.png",
                        "fake_samples_step_9.png", "fake_samples_step_12.png", "fake_samples_step_15.png",
                        "fake_samples_step_16.png");
        List<String> csv = Files.readAllLines(run.metrics());
        assertThat(csv.get(0)).isEqualTo("step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,images_per_s");
        assertThat(csv).hasSize(17);
        assertThat(csv.get(16)).startsWith("16,2,");

        // the last grid is exactly what the saved generator makes from the fixed noise
        BufferedImage last = ImageIO.read(run.fakeSamples(16).toFile());
        try (var scope = new PointerScope(); Generator g = ModelFiles.loadGenerator(run.root())) {
            var fixed = LatentNoise.sample(16, MODEL.nz(), LatentNoise.generator(CONFIG.seed() + 1));
            BufferedImage again = ImageGrid.of(Sampler.generate(g, fixed), 8);
            assertThat(pixels(again)).isEqualTo(pixels(last));
        }
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path dir) throws IOException {
        var one = RunDirectory.create(dir.resolve("a"));
        var two = RunDirectory.create(dir.resolve("b"));
        var config = new TrainConfig(1, 32, 2e-4, 2e-4, 0.5, 0.999, 9, 0, 16, false);
        new TrainingLoop(digits, MODEL, config, one, new TrainingListener() {}).run();
        new TrainingLoop(digits, MODEL, config, two, new TrainingListener() {}).run();
        assertThat(withoutSpeed(two.metrics())).isEqualTo(withoutSpeed(one.metrics()));
        assertThat(Files.readAllBytes(two.generatorWeights())).isEqualTo(Files.readAllBytes(one.generatorWeights()));
    }

    @Test
    void aRunDirectoryIsNeverReused(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        Files.writeString(run.metrics(), "step\n");
        assertThatThrownBy(() -> RunDirectory.create(dir)).hasMessageContaining("already holds a training run");
    }

    @Test
    void dataAndModelMustAgreeOnShape() {
        assertThatThrownBy(() -> new TrainingLoop(digits, ModelConfig.of(64, 3), CONFIG, null, null))
                .hasMessageContaining("the data is 28x28x1 but the model is built for 64x64x3");
    }

    private static List<String> withoutSpeed(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}
