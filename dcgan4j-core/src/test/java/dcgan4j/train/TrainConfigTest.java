package dcgan4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        TrainConfig c = TrainConfig.builder().optimizerD(OptimizerChoice.Kind.RMSPROP).clipD(1).decayD(6e-8)
                .realLabel(0.9).flipLabels(0.05).dSteps(2).instanceNoise(0.1).instanceNoiseSteps(100).build();
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
    void jsonRoundTripsEverySetting() {
        TrainConfig c = TrainConfig.builder().epochs(7).seed(42).optimizerG(OptimizerChoice.Kind.RMSPROP).clipG(0.5)
                .realLabel(0.9).evalEvery(100).dropLast(true).build();
        assertThat(TrainConfig.fromJson(c.toJson())).isEqualTo(c);
    }

    @Test
    void aResumeMayChangeTheScheduleButNothingThatChangesTheSteps() {
        TrainConfig trained = TrainConfig.builder().epochs(2).build();
        trained.requireResumableAs(trained.toBuilder().epochs(10).sampleEvery(7).checkpointEvery(0).keepCheckpoints(9)
                .evalEvery(50).build());
        assertThatThrownBy(() -> trained.requireResumableAs(trained.toBuilder().lrD(1e-4).build()))
                .hasMessageStartingWith("the run was trained with lrD 2.0E-4, not 1.0E-4");
        assertThatThrownBy(() -> trained.requireResumableAs(trained.toBuilder().realLabel(0.9).build()))
                .hasMessageContaining("tricks");
    }
}
