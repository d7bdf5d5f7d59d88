package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.model.Generator;
import dcgan4j.model.GeneratorKind;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.NoiseDistribution;
import dcgan4j.model.OutputActivation;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.Sampler;
import dcgan4j.train.config.OptimizerChoice;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
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

class TrainerTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(16).ngf(16).ndf(16).build();
    private static final TrainConfig CONFIG = TrainConfig.builder()
            .epochs(2)
            .batchSize(32)
            .seed(3)
            .sampleEvery(3)
            .sampleCount(16)
            .checkpointEvery(0)
            .build();
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
    void aRunFillsItsDirectoryWithGridsMetricsChartsCheckpointsAndReloadableWeights(@TempDir Path dir)
            throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        var result = loop(CONFIG, run, NO_LISTENER).train();

        assertThat(result).isEqualTo(new Trainer.Result(16, true)); // 2 epochs x 256/32 batches
        assertThat(Files.list(run.root()).map(p -> p.getFileName().toString()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "real_samples.png",
                        "metrics.csv",
                        "netG.safetensors",
                        "netD.safetensors",
                        "netG_ema.safetensors",
                        "fake_samples_step_3.png",
                        "fake_samples_step_6.png",
                        "fake_samples_step_8.png",
                        "fake_samples_step_9.png",
                        "fake_samples_step_12.png",
                        "fake_samples_step_15.png",
                        "fake_samples_step_16.png",
                        "loss.png",
                        "d_outputs.png",
                        "progress.gif",
                        "checkpoints");
        List<String> csv = Files.readAllLines(run.metrics());
        assertThat(csv.get(0)).isEqualTo("step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2,fid,kid");
        assertThat(csv.get(16)).endsWith(",,"); // no --eval-every: no FID or KID
        assertThat(csv).hasSize(17);
        assertThat(csv.get(16)).startsWith("16,2,");
        assertThat(Files.list(run.root().resolve("checkpoints"))
                        .map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("step-000000008.safetensors", "step-000000016.safetensors");

        assertThat(ImageIO.read(run.lossPlot().toFile()).getWidth()).isEqualTo(900);
        assertThat(ImageIO.read(run.discriminatorPlot().toFile()).getHeight()).isEqualTo(450);
        try (var in = ImageIO.createImageInputStream(run.progressGif().toFile())) {
            var reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(7); // one frame per grid, in step order
            assertThat(pixels(reader.read(6)))
                    .isEqualTo(pixels(ImageIO.read(run.fakeSamples(16).toFile())));
        }

        // the last grid is exactly what the generator the run samples from (the averaged one) makes from the fixed
        // noise
        BufferedImage last = ImageIO.read(run.fakeSamples(16).toFile());
        try (var scope = new PointerScope();
                Generator g = ModelFiles.loadGenerator(run.root())) {
            var fixed = LatentNoise.sample(16, MODEL, LatentNoise.generator(CONFIG.seed() + 1));
            BufferedImage again = ImageGrid.of(Sampler.generate(g, fixed), 8);
            assertThat(pixels(again)).isEqualTo(pixels(last));
        }
    }

    @Test
    void epochsShorterThanAnIntervalAddNoGridOrCheckpointAtTheirEndsButTheRunsLastStepDoes(@TempDir Path dir)
            throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        var config = TrainConfig.builder() // 256 images at batch 64: epochs of 4 steps, 12 in all
                .epochs(3)
                .batchSize(64)
                .seed(3)
                .sampleEvery(5)
                .sampleCount(16)
                .checkpointEvery(6)
                .build();
        loop(config, run, NO_LISTENER).train();

        assertThat(names(run.root(), "fake_samples_step_"))
                .containsExactlyInAnyOrder(
                        "fake_samples_step_5.png", "fake_samples_step_10.png", "fake_samples_step_12.png");
        assertThat(names(run.root().resolve("checkpoints"), "step-"))
                .containsExactlyInAnyOrder("step-000000006.safetensors", "step-000000012.safetensors");
        try (var in = ImageIO.createImageInputStream(run.progressGif().toFile())) {
            var reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.getNumImages(true)).isEqualTo(3); // redrawn with the last checkpoint
        }
    }

    private static List<String> names(Path dir, String prefix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(prefix))
                    .toList();
        }
    }

    @Test
    void theSameSeedGivesTheSameRun(@TempDir Path dir) throws IOException {
        var one = RunDirectory.create(dir.resolve("a"));
        var two = RunDirectory.create(dir.resolve("b"));
        var config = TrainConfig.builder()
                .epochs(1)
                .batchSize(32)
                .seed(9)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(0)
                .build();
        loop(config, one, NO_LISTENER).train();
        loop(config, two, NO_LISTENER).train();
        assertThat(Files.readAllBytes(two.metrics())).isEqualTo(Files.readAllBytes(one.metrics()));
        assertThat(Files.readAllBytes(two.generatorWeights())).isEqualTo(Files.readAllBytes(one.generatorWeights()));
    }

    @Test
    void aRunKilledInTheMiddleOfAnEpochAndResumedEndsBitIdentical(@TempDir Path dir) throws IOException {
        var config = TrainConfig.builder()
                .epochs(2)
                .batchSize(32)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(3)
                .keepCheckpoints(2)
                .build();
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        loop(config, whole, NO_LISTENER).train();

        RunDirectory killed = RunDirectory.create(dir.resolve("killed"));
        TrainingListener dies = new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 11) { // epoch 2, batch 3: checkpoint 9 is the newest, rows 10 and 11 are past it
                    throw new IllegalStateException("killed");
                }
            }
        };
        assertThatThrownBy(() -> loop(config, killed, dies).train()).hasMessage("killed");
        assertThat(Files.readAllLines(killed.metrics())).hasSize(12);
        Checkpoint latest = killed.checkpoints(2).latest().orElseThrow();
        assertThat(List.of(latest.step(), (long) latest.epoch(), (long) latest.batchesDone()))
                .containsExactly(9L, 2L, 1L);

        var result = loop(config, killed, NO_LISTENER).resume(latest);

        assertThat(result).isEqualTo(new Trainer.Result(16, true));
        assertThat(Files.readAllBytes(killed.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(killed.generatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(killed.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.discriminatorWeights()));
        assertThat(pixels(ImageIO.read(killed.fakeSamples(16).toFile())))
                .isEqualTo(pixels(ImageIO.read(whole.fakeSamples(16).toFile())));
    }

    @Test
    void aRunWithEveryVariantTrickAndAnAverageStoppedAndResumedEndsBitIdentical(@TempDir Path dir) throws IOException {
        var model = MODEL.toBuilder()
                .generator(GeneratorKind.UPSAMPLE)
                .output(OutputActivation.SIGMOID)
                .gDropout(0.2)
                .dDropout(0.4)
                .gBatchNorm("1,3")
                .dBatchNorm("3")
                .noise(NoiseDistribution.UNIFORM)
                .classes(10)
                .build();
        var config = TrainConfig.builder()
                .epochs(1)
                .batchSize(32)
                .lrG(4e-4)
                .lrD(8e-4)
                .seed(4)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(0)
                .optimizerG(OptimizerChoice.Kind.RMSPROP)
                .clipG(1.0)
                .decayG(3e-3)
                .optimizerD(OptimizerChoice.Kind.RMSPROP)
                .clipD(1.0)
                .decayD(6e-3)
                .realLabel(0.9)
                .flipLabels(0.1)
                .dSteps(2)
                .instanceNoise(0.2)
                .instanceNoiseSteps(6)
                .ema(0.95)
                .build();
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        Trainer.builder()
                .data(digits)
                .model(model)
                .config(config)
                .run(whole)
                .listener(NO_LISTENER)
                .build()
                .train();

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        var holder = new Trainer[1];
        holder[0] = Trainer.builder()
                .data(digits)
                .model(model)
                .config(config)
                .run(stopped)
                .listener(new TrainingListener() {
                    @Override
                    public void stepDone(Progress p) {
                        if (p.step() == 3) {
                            holder[0].requestStop();
                        }
                    }
                })
                .build();
        holder[0].train();
        Checkpoint latest = stopped.checkpoints(3).latest().orElseThrow();
        assertThat(latest.model()).isEqualTo(model); // the variant travels with the checkpoint
        Trainer.builder()
                .data(digits)
                .model(model)
                .config(config)
                .run(stopped)
                .listener(NO_LISTENER)
                .build()
                .resume(latest);

        assertThat(Files.readAllBytes(stopped.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(stopped.generatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.generatorWeights()));
        assertThat(Files.readAllBytes(stopped.discriminatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.discriminatorWeights()));
        assertThat(Files.readAllBytes(stopped.averagedGeneratorWeights())) // the average resumes exactly too
                .isEqualTo(Files.readAllBytes(whole.averagedGeneratorWeights()));
        try (var scope = new PointerScope();
                Generator g = ModelFiles.loadGenerator(whole.root())) {
            assertThat(g.config()).isEqualTo(model); // generate rebuilds the same network
        }
    }

    @Test
    void aConditionalModelNeedsLabelledData() {
        try (var folder = ImageDataset.of("folder", new byte[2 * 28 * 28], 2, 1, 28, null, 0)) {
            assertThatThrownBy(() -> Trainer.builder()
                            .data(folder)
                            .model(MODEL.toBuilder().classes(10).build())
                            .config(CONFIG)
                            .listener(NO_LISTENER)
                            .build())
                    .hasMessageContaining(
                            "a conditional model needs labelled data of 10 classes; folder has no labels");
        }
    }

    @Test
    void aStopRequestCheckpointsTheCurrentStepAndTheRunContinuesFromIt(@TempDir Path dir) throws IOException {
        RunDirectory whole = RunDirectory.create(dir.resolve("whole"));
        loop(CONFIG, whole, NO_LISTENER).train();

        RunDirectory stopped = RunDirectory.create(dir.resolve("stopped"));
        var holder = new Trainer[1];
        holder[0] = loop(CONFIG, stopped, new TrainingListener() {
            @Override
            public void stepDone(Progress p) {
                if (p.step() == 5) {
                    holder[0].requestStop(); // as Ctrl-C does, from another thread
                }
            }
        });
        assertThat(holder[0].train()).isEqualTo(new Trainer.Result(5, false));
        Checkpoint latest = stopped.checkpoints(3).latest().orElseThrow();
        assertThat(latest.step()).isEqualTo(5);

        loop(CONFIG, stopped, NO_LISTENER).resume(latest);
        assertThat(Files.readAllBytes(stopped.metrics())).isEqualTo(Files.readAllBytes(whole.metrics()));
        assertThat(Files.readAllBytes(stopped.generatorWeights()))
                .isEqualTo(Files.readAllBytes(whole.generatorWeights()));
    }

    @Test
    void aLossThatTurnsNanStopsTheRunAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws IOException {
        // a learning rate of 1e30 sends G's weights to ±1e30 after one step: its images overflow in step 2
        var wild = TrainConfig.builder()
                .epochs(1)
                .batchSize(32)
                .lrG(1e30)
                .seed(3)
                .sampleEvery(0)
                .sampleCount(16)
                .checkpointEvery(1)
                .build();
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        assertThatThrownBy(() -> loop(wild, run, NO_LISTENER).train())
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("step 2");
        Checkpoint last = run.checkpoints(3).latest().orElseThrow();
        assertThat(last.step()).isEqualTo(1);
        assertThat(Files.readAllLines(run.metrics())).hasSize(2);
    }

    @Test
    void aCheckpointOfAnotherArchitectureIsRefusedByName(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        loop(CONFIG, run, NO_LISTENER).train();
        Checkpoint saved = run.checkpoints(3).latest().orElseThrow();
        var wider = ModelConfig.builder(28, 1).nz(16).ngf(32).ndf(16).build();
        assertThatThrownBy(() -> Trainer.builder()
                        .data(digits)
                        .model(wider)
                        .config(CONFIG)
                        .run(run)
                        .listener(NO_LISTENER)
                        .build()
                        .resume(saved))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28x28x1, nz=16, ngf=16, ndf=16")
                .hasMessageContaining("ngf=32");
    }

    @Test
    void aCheckpointCarriesItsTrainingSettingsAndAResumeWithOthersIsRefused(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        loop(CONFIG, run, NO_LISTENER).train();
        Checkpoint saved = run.checkpoints(3).latest().orElseThrow();
        assertThat(TrainConfig.fromRecord(saved.config())).isEqualTo(CONFIG);
        var otherLr = CONFIG.toBuilder().lrD(1e-4).build();
        assertThatThrownBy(() -> loop(otherLr, run, NO_LISTENER).resume(saved))
                .hasMessageStartingWith("the run was trained with setting 'lrD' 2.0E-4, not 1.0E-4");
        var longer = CONFIG.toBuilder().epochs(3).build(); // the schedule may change
        assertThat(loop(longer, run, NO_LISTENER).resume()).isEqualTo(new Trainer.Result(24, true));
    }

    @Test
    void listenersHearEveryEventInStepOrderAndOneEnding(@TempDir Path dir) throws IOException {
        List<String> events = new java.util.ArrayList<>();
        TrainingListener recorder = new TrainingListener() {
            @Override
            public void started(Plan plan) {
                events.add("started " + plan.startStep() + "/" + plan.totalSteps());
            }

            @Override
            public void realSamplesSaved(Path png) {
                events.add("real " + png.getFileName());
            }

            @Override
            public void stepDone(Progress p) {
                events.add("step " + p.step() + " lr " + p.lrG());
            }

            @Override
            public void samplesSaved(long step, Path png) {
                events.add("grid " + step);
            }

            @Override
            public void checkpointSaved(long step, Path file) {
                events.add("checkpoint " + step);
            }

            @Override
            public void epochEnded(int epoch, long step) {
                events.add("epoch " + epoch + " at " + step);
            }

            @Override
            public void ended(long step, Ending how) {
                events.add("ended " + step + " " + how);
            }
        };
        loop(CONFIG, RunDirectory.create(dir.resolve("run")), recorder).train();
        assertThat(events)
                .startsWith(
                        "real real_samples.png",
                        "started 0/16",
                        "step 1 lr 2.0E-4",
                        "step 2 lr 2.0E-4",
                        "step 3 lr 2.0E-4",
                        "grid 3");
        assertThat(events)
                .containsSubsequence("step 8 lr 2.0E-4", "grid 8", "checkpoint 8", "epoch 1 at 8", "step 9 lr 2.0E-4");
        assertThat(events).endsWith("checkpoint 16", "epoch 2 at 16", "ended 16 COMPLETED");
        assertThat(events).filteredOn(e -> e.startsWith("ended")).hasSize(1);
    }

    @Test
    void aRunDirectoryIsNeverReused(@TempDir Path dir) throws IOException {
        RunDirectory run = RunDirectory.create(dir);
        Files.writeString(run.metrics(), "step\n");
        assertThatThrownBy(() -> RunDirectory.create(dir)).hasMessageContaining("already holds a training run");
    }

    @Test
    void dataAndModelMustAgreeOnShape() {
        assertThatThrownBy(() -> Trainer.builder()
                        .data(digits)
                        .model(ModelConfig.of(64, 3))
                        .config(CONFIG)
                        .build())
                .hasMessageContaining("the data is 28x28x1 but the model is built for 64x64x3");
    }

    private static Trainer loop(TrainConfig config, RunDirectory run, TrainingListener listener) throws IOException {
        return Trainer.builder()
                .data(digits)
                .model(MODEL)
                .config(config)
                .run(run)
                .listener(listener)
                .build();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
    }
}
