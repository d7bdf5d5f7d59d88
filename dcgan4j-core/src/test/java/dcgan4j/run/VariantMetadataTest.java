package dcgan4j.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.model.GeneratorKind;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.NoiseDistribution;
import dcgan4j.model.OutputActivation;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantMetadataTest {
    @Test
    void aVariantReadsBackFromTheMetadataAndFilesWithoutOneAreThePapers() throws Exception {
        ModelConfig model = ModelConfig.builder(28, 1)
                .generator(GeneratorKind.UPSAMPLE)
                .output(OutputActivation.SIGMOID)
                .gDropout(0.25)
                .dDropout(0.4)
                .gBatchNorm("1,2")
                .dBatchNorm("none")
                .noise(NoiseDistribution.UNIFORM)
                .classes(10)
                .build();
        Map<String, String> metadata = ModelFiles.metadata(model);
        assertThat(metadata)
                .containsEntry("dcgan4j.generator", "upsample")
                .containsEntry("dcgan4j.noise", "uniform")
                .containsEntry("dcgan4j.classes", "10")
                .containsEntry("dcgan4j.g_batch_norm", "1,2");
        assertThat(ModelFiles.config(Path.of("x"), metadata)).isEqualTo(model);

        Map<String, String> before = ModelFiles.metadata(ModelConfig.of(28, 1));
        before.keySet().removeIf(k -> !k.matches("dcgan4j\\.(image_size|channels|nz|ngf|ndf)"));
        assertThat(ModelFiles.config(Path.of("old"), before)).isEqualTo(ModelConfig.of(28, 1));
    }

    @Test
    void aDamagedVariantValueIsAnErrorNamingTheFile() {
        Map<String, String> metadata = ModelFiles.metadata(ModelConfig.of(28, 1));
        metadata.put("dcgan4j.noise", "cauchy");
        assertThatThrownBy(() -> ModelFiles.config(Path.of("netG.safetensors"), metadata))
                .hasMessageContaining("netG.safetensors");
    }
}
