package dcgan4j.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void aSeedNamesTheSameImagesWhateverTheBatchAround() {
        try (var scope = new PointerScope();
                var g = new Generator(
                        ModelConfig.builder(32, 3).nz(10).ngf(8).ndf(8).build())) {
            g.train(true);
            Tensor four = Sampler.generate(g, 4, 5);
            Tensor eight = Sampler.generate(g, 8, 5);
            // seeds 5..8 start seeds 5..12; BatchNorm in eval mode keeps each image independent of its batch
            assertThat(eight.narrow(0, 0, 4).equal(four)).isTrue();
            assertThat(Sampler.generate(g, 4, 6).equal(four)).isFalse();
            assertThat(four.requires_grad()).isFalse();
            assertThat(g.isTraining()).as("mode restored").isTrue();
        }
    }
}
