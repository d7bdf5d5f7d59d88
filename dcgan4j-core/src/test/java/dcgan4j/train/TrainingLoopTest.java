package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.BatchNormLayers;
import dcgan4j.model.Generator;
import dcgan4j.model.GeneratorKind;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.ModelVariant;
import dcgan4j.model.NoiseDistribution;
import dcgan4j.model.OutputActivation;
import dcgan4j.run.Checkpoint;
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
    private static final TrainConfig CONFIG = TrainConfig.builder().epochs(2).batchSize(32).seed(3).sampleEvery(3).sampleCount(16).checkpointEvery(0).build();
    private static final TrainingListener NO_LISTENER = new TrainingListener() {};
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
    void aRunFillsItsDirectoryWithGridsMetricsChartsCheckpointsAndReloadableWeights(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        var result = loop(CONFIG, run, NO_LISTENER).run();

        assertThat(result).isEqualTo(new TrainingLoop.Result(16, true)); // 2 epochs x 256/32 batches
        assertThat(Files.list(run.root()).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("real_samples.png", "metrics.csv", "netG.safetensors", "netD.safetensors",
                        "fake_samples_step_3.png", "fake_samples_step_6.png", "fake_samples_step_8.png",
                        "fake_samples_step_9.png", "fake_samples_step_12.png", "fake_samples_step_15.png",
                        "fake_samples_step_16.png", "loss.png", "d_outputs.png", "progress.gif", "checkpoints");
        List<String> csv = Files.readAllLines(run.metrics());
        assertThat(csv.get(0)).isEqualTo("step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,fid,kid");
        assertThat(csv.get(16)).endsWith(",,");                  // no --eval-every: no FID or KID
        assertThat(csv).hasSize(17);
        assertThat(csv.get(16)).startsWith("16,2,");
        assertThat(Files.list(run.root().resolve("checkpoints")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("step-000000008.safetensors", "step-000000016.safetensors");

        assertThat(ImageIO.read(run.lossPlot().toFile()).getWidth()).isEqualTo(900);
        assertThat(ImageIO.read(run.discriminatorPlot().toFile()).getHeight()).isEqualTo(450);
        try (var in = ImageIO.createImageInputStream(run.progressGif().toFile())) {
            var reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(7);     // one frame per grid, in step order
            assertThat(pixels(reader.read(6))).isEqualTo(pixels(ImageIO.read(run.fakeSamples(16).toFile())));
        }

        // the last grid is exactly what the saved generator makes from the fixed noise
        BufferedImage last = ImageIO.read(run.fakeSamples(16).toFile());
        try (var scope = new PointerScope(); Generator g = ModelFiles.loadGenerator(run.root())) {
            var fixed = LatentNoise.sample(16, MODEL, LatentNoise.generator(CONFIG.seed() + 1));
            BufferedImage again = ImageGrid.of(Sampler.generate(g, fixed), 8);
            assertThat(pixels(again)).isEqualTo(pixels(last));
        }
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path dir) throws IOException {
        var one = RunDirectory.create(dir.resolve("a"));
        var two = RunDirectory.create(dir.resolve("b"));
        var config = TrainConfig.builder().epochs(1).batchSize(32).seed(9).sampleEvery(0).sampleCount(16).checkpointEvery(0).build();
        loop(config, one, NO_LISTENER).run();
        loop(config, two, NO_LISTENER).run();
        assertThat(Files.readAllBytes(two.metrics())).isEqualTo(Files.readAllBytes(one.metrics()));
        assertThat(Files.readAllBytes(two.generatorWeights())).isEqualTo(Files.readAllBytes(one.generatorWeights()));
    }

    @Test
    void aRunKilledInTheMiddleOfAnEpochAndResumedEndsBitIdentical(@TempDir Path dir) throws IOException {
        var config = TrainConfig.builder().epochs(2).batchSize(32).seed(4).sampleEvery(0).sampleCount(16).checkpointEvery(3).keepCheckpoints(2).build();
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        loop(config, whole, NO_LISTENER).run();

        RunDirectory killed = RunDirectory.create(dir.resolve("killed"));
        TrainingListener dies = new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 11) {     // epoch 2, batch 3: checkpoint 9 is the newest, rows 10 and 11 are past it
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThatThrownBy(() -> loop(config, killed, dies).run()).hasMessage("killed");
        assertThat(Files.readAllLines(killed.metrics())).hasSize(12);
        Checkpoint latest = killed.checkpoints(2).latest().orElseThrow();
        assertThat(List.of(latest.step(), (long) latest.epoch(), (long) latest.batchesDone())).containsExactly(9L, 2L, 1L);

        var result = loop(config, killed, NO_LISTENER).resume(latest);

        assertThat(result).isEqualTo(new TrainingLoop.Result(16, true));
        assertThat(Files.readAllBytes(killed.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(killed.generatorWeights())).isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(killed.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.discriminatorWeights()));
        assertThat(pixels(ImageIO.read(killed.fakeSamples(16).toFile())))
                .isEqualTo(pixels(ImageIO.read(whole.fakeSamples(16).toFile())));
    }

    @Test
    void aRunWithEveryVariantAndTrickStoppedAndResumedEndsBitIdentical(@TempDir Path dir) throws IOException {
        var variant = new ModelVariant(GeneratorKind.UPSAMPLE, OutputActivation.SIGMOID, 0.2, 0.4,
                new BatchNormLayers("1,3"), new BatchNormLayers("3"), NoiseDistribution.UNIFORM, 10);
        var model = MODEL.with(variant);
        var config = TrainConfig.builder().epochs(1).batchSize(32).lrG(4e-4).lrD(8e-4).seed(4).sampleEvery(0).sampleCount(16).checkpointEvery(0)
                .optimizerG(OptimizerChoice.Kind.RMSPROP).clipG(1.0).decayG(3e-3)
                .optimizerD(OptimizerChoice.Kind.RMSPROP).clipD(1.0).decayD(6e-3)
                .realLabel(0.9).flipLabels(0.1).dSteps(2).instanceNoise(0.2).instanceNoiseSteps(6).build();
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        new TrainingLoop(digits, model, config, whole, NO_LISTENER, "").run();

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        var holder = new TrainingLoop[1];
        holder[0] = new TrainingLoop(digits, model, config, stopped, new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 3) {
                    holder[0].requestStop();
                }
            }
        }, "");
        holder[0].run();
        Checkpoint latest = stopped.checkpoints(3).latest().orElseThrow();
        assertThat(latest.model()).isEqualTo(model);               // the variant travels with the checkpoint
        new TrainingLoop(digits, model, config, stopped, NO_LISTENER, "").resume(latest);

        assertThat(Files.readAllBytes(stopped.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(stopped.generatorWeights())).isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(stopped.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.discriminatorWeights()));
        try (var scope = new PointerScope(); Generator g = ModelFiles.loadGenerator(whole.root())) {
            assertThat(g.config()).isEqualTo(model);               // generate rebuilds the same network
        }
    }

    @Test
    void aConditionalModelNeedsLabelledData() {
        try (var folder = ImageDataset.of("folder", new byte[2 * 28 * 28], 2, 1, 28, null, 0)) {
            assertThatThrownBy(() -> new TrainingLoop(folder, MODEL.with(ModelVariant.PAPER.withClasses(10)), CONFIG, null,
                    NO_LISTENER, "")).hasMessageContaining("a conditional model needs labelled data of 10 classes; folder has no labels");
        }
    }

    @Test
    void aStopRequestCheckpointsTheCurrentStepAndTheRunContinuesFromIt(@TempDir Path dir) throws IOException {
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        loop(CONFIG, whole, NO_LISTENER).run();

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        var holder = new TrainingLoop[1];
        holder[0] = loop(CONFIG, stopped, new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 5) {
                    holder[0].requestStop();        // as Ctrl-C does, from another thread
                }
            }
        });
        assertThat(holder[0].run()).isEqualTo(new TrainingLoop.Result(5, false));
        Checkpoint latest = stopped.checkpoints(3).latest().orElseThrow();
        assertThat(latest.step()).isEqualTo(5);

        loop(CONFIG, stopped, NO_LISTENER).resume(latest);
        assertThat(Files.readAllBytes(stopped.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(stopped.generatorWeights())).isEqualTo(Files.readAllBytes(whole.generatorWeights()));
    }

    @Test
    void aLossThatTurnsNanStopsTheRunAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
        // a learning rate of 1e30 sends G's weights to ±1e30 after one step: its images overflow in step 2
        var wild = TrainConfig.builder().epochs(1).batchSize(32).lrG(1e30).seed(3).sampleEvery(0).sampleCount(16).checkpointEvery(1).build();
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        assertThatThrownBy(() -> loop(wild, run, NO_LISTENER).run())
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("step 2");
        Checkpoint last = run.checkpoints(3).latest().orElseThrow();
        assertThat(last.step()).isEqualTo(1);
        assertThat(Files.readAllLines(run.metrics())).hasSize(2);
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedByName(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        loop(CONFIG, run, NO_LISTENER).run();
        Checkpoint saved = run.checkpoints(3).latest().orElseThrow();
        var wider = new ModelConfig(28, 1, 16, 32, 16);
        assertThatThrownBy(() -> new TrainingLoop(digits, wider, CONFIG, run, NO_LISTENER, "").resume(saved))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28x28x1, nz=16, ngf=16, ndf=16")
                .hasMessageContaining("ngf=32");
    }

    @Test
    void aRunDirectoryIsNeverReused(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        Files.writeString(run.metrics(), "step\n");
        assertThatThrownBy(() -> RunDirectory.create(dir)).hasMessageContaining("already holds a training run");
    }

    @Test
    void dataAndModelMustAgreeOnShape() {
        assertThatThrownBy(() -> new TrainingLoop(digits, ModelConfig.of(64, 3), CONFIG, null, null, ""))
                .hasMessageContaining("the data is 28x28x1 but the model is built for 64x64x3");
    }

    private static TrainingLoop loop(TrainConfig config, RunDirectory run, TrainingListener listener) {
        return new TrainingLoop(digits, MODEL, config, run, listener, "seed: " + config.seed());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}
