package dcgan4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.io.Safetensors;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    @Test
    void aSavedNetworkComesBackWithItsArchitectureAndEveryTensor() throws IOException {
        ModelConfig config = ModelConfig.builder(64, 3).nz(20).ngf(8).ndf(12).build(); // 64×64: channels-last weights
        try (var scope = new PointerScope();
                var g = new Generator(config);
                var d = new Discriminator(config)) {
            ModelFiles.save(g, dir.resolve(ModelFiles.GENERATOR_FILE));
            ModelFiles.save(d, dir.resolve(ModelFiles.DISCRIMINATOR_FILE));
            Torch.seed(12345); // a different init, so equality below proves the copy
            try (var g2 = ModelFiles.loadGenerator(dir);
                    var d2 = ModelFiles.loadDiscriminator(dir)) {
                assertThat(g2.config()).isEqualTo(config);
                assertThat(d2.config()).isEqualTo(config);
                g.stateDict()
                        .forEach((k, v) ->
                                assertThat(g2.stateDict().get(k).equal(v)).as(k).isTrue());
                d.stateDict()
                        .forEach((k, v) ->
                                assertThat(d2.stateDict().get(k).equal(v)).as(k).isTrue());
            }
        }
    }

    @Test
    void missingOrForeignFilesGiveClearErrors() throws IOException {
        assertThatThrownBy(() -> ModelFiles.loadGenerator(dir)).isInstanceOf(NoSuchFileException.class);
        Path foreign = dir.resolve("foreign.safetensors");
        try (var scope = new PointerScope()) {
            Safetensors.write(foreign, Map.of("w", org.bytedeco.pytorch.global.torch.zeros(1)), Map.of());
        }
        assertThatThrownBy(() -> ModelFiles.loadGenerator(foreign))
                .hasMessageContaining("no dcgan4j architecture metadata");
    }
}
