package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code train --subset}: recorded in config.yaml, and the record names the same images again. */
class SubsetCommandTest {
    @TempDir
    Path dir;

    @Test
    void theRecordedSubsetIsTheImagesTrainConfigAndNearestSee() throws IOException {
        Path run = dir.resolve("run");
        MainTest.Result r = dcgan(
                "train",
                "--synthetic-count",
                "256",
                "--subset",
                "64",
                "--seed",
                "3",
                "--batch-size",
                "32",
                "--epochs",
                "1",
                "--ngf",
                "8",
                "--ndf",
                "8",
                "--sample-every",
                "0",
                "--out",
                run.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper()
                        .readTree(run.resolve("status.json").toFile())
                        .get("step")
                        .asLong())
                .as("an epoch is the subset: 64 images in batches of 32")
                .isEqualTo(2);
        Path config = run.resolve("config.yaml");
        assertThat(Files.readString(config)).contains("\nsubset: 64\n", "\nmirror: false\n");

        DataRequest asked = DataRequest.builder(DatasetKind.SYNTHETIC)
                .syntheticCount(256)
                .seed(3)
                .subset(64)
                .build();
        try (var scope = new PointerScope();
                ImageDataset trained = Datasets.load(asked, null);
                ImageDataset fromConfig = Datasets.load(trainConfigRequest(config), null);
                ImageDataset forNearest = Datasets.load(new RunData().request(run), null)) {
            assertThat(trained.size()).isEqualTo(64);
            assertThat(torch.equal(batch(fromConfig), batch(trained))).isTrue();
            assertThat(torch.equal(batch(forNearest), batch(trained))).isTrue();
        }
        assertThat(dcgan("train", "--resume", run.toString(), "--subset", "32").err())
                .contains("--subset cannot change");
    }

    /** What {@code train --config FILE} trains on: its options filled from the file, as its call() does. */
    private static DataRequest trainConfigRequest(Path config) throws IOException {
        var line = new CommandLine(new TrainCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        line.parseArgs("--config", config.toString());
        ConfigFile.apply(Files.readString(config), config.toString(), line.getCommandSpec(), line.getParseResult());
        TrainCommand train = line.getCommand();
        return train.options.resolveData();
    }

    private static Tensor batch(ImageDataset data) {
        int[] all = IntStream.range(0, data.size()).toArray();
        return data.batch(all, 0, all.length);
    }
}
