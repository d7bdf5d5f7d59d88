package dcgan4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's figures stand for {@code dcgan train}'s only while its loop trains as the library's does:
 * the same G after the same steps, and the same average where the decays match.
 */
class EmaStudyTest {
    @Test
    void trainsTheSameGeneratorAndAverageAsATrainerRun(@TempDir Path dir) throws IOException {
        var config =
                TrainConfig.builder().epochs(1).batchSize(32).sampleEvery(3).build();
        RunDirectory run = RunDirectory.create(dir.resolve("run"));
        try (ImageDataset digits = SyntheticDigits.generate(256, 1)) {
            assertThat(Trainer.builder()
                            .data(digits)
                            .config(config)
                            .run(run)
                            .build()
                            .train())
                    .isEqualTo(new Trainer.Result(8, true));
            EmaStudy.train(digits, config, List.of(1), new double[] {config.ema(), 0.999}, dir.resolve("study"));
        }

        Path study = dir.resolve("study/epoch1");
        assertSameTensors(study.resolve("netG.safetensors"), run.generatorWeights());
        assertSameTensors(study.resolve("netG_ema" + config.ema() + ".safetensors"), run.averagedGeneratorWeights());
    }

    private static void assertSameTensors(Path actual, Path expected) throws IOException {
        Map<String, Tensor> ours = ModelFiles.readTensors(actual);
        Map<String, Tensor> theirs = ModelFiles.readTensors(expected);
        assertThat(ours.keySet()).as(actual.toString()).containsExactlyInAnyOrderElementsOf(theirs.keySet());
        theirs.forEach((name, tensor) -> assertThat(torch.equal(ours.get(name), tensor))
                .as(actual + ": " + name)
                .isTrue());
    }
}
