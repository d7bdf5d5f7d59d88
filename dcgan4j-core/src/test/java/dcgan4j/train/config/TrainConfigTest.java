package dcgan4j.train.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.torch.Precision;
import org.junit.jupiter.api.Test;

class TrainConfigTest {
    @Test
    void theBuilderStartsFromThePapersSettings() {
        TrainConfig c = TrainConfig.builder().build();
        assertThat(c.lrG()).isEqualTo(2e-4);
        assertThat(c.lrD()).isEqualTo(2e-4);
        assertThat(c.beta1()).isEqualTo(0.5);
        assertThat(c.batchSize()).isEqualTo(128);
        assertThat(c.optimizerG()).isEqualTo(OptimizerChoice.ADAM);
        assertThat(c.tricks()).isEqualTo(Tricks.NONE);
        assertThat(c).isEqualTo(TrainConfig.DEFAULTS);
    }

    @Test
    void flatSettersReachTheOptimizersAndTricks() {
        TrainConfig c = TrainConfig.builder()
                .optimizerD(OptimizerChoice.Kind.RMSPROP)
                .clipD(1)
                .decayD(6e-8)
                .realLabel(0.9)
                .flipLabels(0.05)
                .dSteps(2)
                .instanceNoise(0.1)
                .instanceNoiseSteps(100)
                .build();
        assertThat(c.optimizerD()).isEqualTo(new OptimizerChoice(OptimizerChoice.Kind.RMSPROP, 1, 6e-8));
        assertThat(c.optimizerG()).isEqualTo(OptimizerChoice.ADAM);
        assertThat(c.tricks()).isEqualTo(new Tricks(0.9, 0.05, 2, 0.1, 100));
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void badValuesAreNamedInLibraryTerms() {
        assertThatThrownBy(() -> TrainConfig.builder().lrD(-1).build())
                .hasMessage("discriminator learning rate must be a positive number, got -1.0");
        assertThatThrownBy(() -> TrainConfig.builder().batchSize(1).build()).hasMessageContaining("at least 2");
    }

    @Test
    void theYamlRecordRoundTripsEverySettingUnderItsOptionsName() {
        TrainConfig c = TrainConfig.builder()
                .epochs(7)
                .seed(42)
                .optimizerG(OptimizerChoice.Kind.RMSPROP)
                .clipG(0.5)
                .realLabel(0.9)
                .evalEvery(100)
                .dropLast(true)
                .dSteps(2)
                .ema(0)
                .precision(Precision.BF16)
                .build();
        String yaml = c.toYaml();
        assertThat(yaml)
                .contains(
                        "batch-size: 128\n",
                        "optimizer-g: rmsprop\n",
                        "real-label: 0.9\n",
                        "d-steps: 2\n",
                        "precision: bf16\n",
                        "device: cpu\n");
        assertThat(TrainConfig.fromRecord(yaml)).isEqualTo(c);
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @Test
    void aRecordIsReadAmongOtherKeysWithTheValueOfSettingsItPredates() {
        TrainConfig read = TrainConfig.fromRecord("# dcgan train --config x repeats this run\ndataset: synthetic\n"
                + "lr-d: 1.0E-4\nnz: 100\ndevice: cpu\n");
        assertThat(read).isEqualTo(TrainConfig.builder().lrD(1e-4).ema(0).build());
        assertThat(TrainConfig.ADDED_LATER).containsEntry("ema", 0.0);
        assertThatThrownBy(() -> TrainConfig.fromRecord("lr-d: fast\n")).hasMessageContaining("unreadable");
    }

    @Test
    void checkpointsOfEarlierVersionsHeldTheRecordAsJson() {
        String json = "{\"epochs\":5,\"batchSize\":64,\"lrG\":2.0E-4,\"lrD\":2.0E-4,\"beta1\":0.5,\"beta2\":0.999,"
                + "\"seed\":3,\"sampleEvery\":100,\"sampleCount\":64,\"dropLast\":false,\"checkpointEvery\":500,"
                + "\"keepCheckpoints\":3,\"evalEvery\":0,\"optimizerG\":{\"kind\":\"ADAM\",\"clipValue\":0.0,\"decay\":0.0},"
                + "\"optimizerD\":{\"kind\":\"ADAM\",\"clipValue\":0.0,\"decay\":0.0},\"tricks\":{\"realLabel\":1.0,"
                + "\"flipProbability\":0.0,\"discriminatorSteps\":1,\"instanceNoise\":0.0,\"instanceNoiseSteps\":5000},"
                + "\"device\":{\"cuda\":false,\"index\":0},\"precision\":\"FP32\",\"ema\":0.99}";
        assertThat(TrainConfig.fromRecord(json))
                .isEqualTo(TrainConfig.builder().batchSize(64).seed(3).build());
    }

    @Test
    void aResumeMayChangeTheScheduleButNothingThatChangesTheSteps() {
        TrainConfig trained = TrainConfig.builder().epochs(2).build();
        trained.requireResumableAs(trained.toBuilder()
                .epochs(10)
                .sampleEvery(7)
                .checkpointEvery(0)
                .keepCheckpoints(9)
                .evalEvery(50)
                .build());
        assertThatThrownBy(() ->
                        trained.requireResumableAs(trained.toBuilder().lrD(1e-4).build()))
                .hasMessageStartingWith("the run was trained with setting 'lrD' 2.0E-4, not 1.0E-4");
        assertThatThrownBy(() -> trained.requireResumableAs(
                        trained.toBuilder().realLabel(0.9).build()))
                .hasMessageContaining("setting 'realLabel'");
        assertThat(trained.withSchedule(TrainConfig.builder().epochs(9).lrD(1).build()))
                .isEqualTo(trained.toBuilder().epochs(9).build());
    }
}
