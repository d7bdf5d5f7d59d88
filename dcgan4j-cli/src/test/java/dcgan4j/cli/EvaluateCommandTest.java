package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.eval.Classifiers;
import dcgan4j.eval.FitProgress;
import dcgan4j.train.outputs.MetricsCsv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcgan evaluate} and {@code dcgan train --eval-every}, on the built-in digits with a temporary cache. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    @Test
    void aRunTrainedWithEvaluationsIsEvaluatedAgainstItsOwnDataWithATableAndJson() throws IOException {
        Path cache = dir.resolve("cache");
        // the digits' classifier, trained small and put where dcgan4j looks for it, so the test stays short
        var request = DataRequest.builder(DatasetKind.SYNTHETIC)
                .cacheDir(cache)
                .folderCache(false)
                .syntheticCount(256)
                .build();
        Classifiers.obtain(
                        request,
                        Classifiers.cacheFile(request),
                        null,
                        new Classifiers.Recipe(1, 640, 200),
                        FitProgress.NONE)
                .network()
                .close();

        Path run = dir.resolve("run");
        MainTest.Result train = dcgan(
                "train",
                "--synthetic-count",
                "256",
                "--batch-size",
                "32",
                "--epochs",
                "1",
                "--ngf",
                "8",
                "--ndf",
                "8",
                "--nz",
                "16",
                "--sample-every",
                "0",
                "--eval-every",
                "4",
                "--cache-dir",
                cache.toString(),
                "--out",
                run.toString());
        assertThat(train.code()).as(train.err()).isZero();
        List<MetricsCsv.Row> rows = MetricsCsv.read(run.resolve("metrics.csv"));
        assertThat(rows.get(3).quality()).isNotNull();
        assertThat(rows.get(4).quality()).isNull();
        assertThat(run.resolve("netG_best.safetensors")).isRegularFile();
        assertThat(run.resolve("fid.png")).isRegularFile();

        MainTest.Result eval = dcgan("evaluate", run.toString(), "--count", "64");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out())
                .contains(
                        "feature network  lenet-synthetic (test accuracy",
                        "samples          64 real, 64 generated",
                        "FID",
                        "KID",
                        "precision",
                        "recall",
                        "classes covered",
                        "inception score",
                        "fewer than 10000 samples");
        JsonNode json =
                new ObjectMapper().readTree(run.resolve("evaluation.json").toFile());
        assertThat(json.get("fid").asDouble()).isPositive();
        assertThat(json.get("precision").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("classes").get("histogram")).hasSize(10);
        assertThat(json.get("classes").get("covered").asInt()).isBetween(0, 10);

        Path best = dir.resolve("best.json");
        MainTest.Result bestEval = dcgan(
                "evaluate",
                run.resolve("netG_best.safetensors").toString(),
                "--count",
                "64",
                "--json",
                best.toString());
        assertThat(bestEval.code()).as(bestEval.err()).isZero();
        assertThat(new ObjectMapper().readTree(best.toFile()).get("fakeCount").asInt())
                .isEqualTo(64);
    }

    @Test
    void badInputIsOneLine() throws IOException {
        MainTest.Result missing = dcgan("evaluate", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("not found:").hasLineCount(1);

        Path run = dir.resolve("run");
        assertThat(dcgan(
                                "train",
                                "--synthetic-count",
                                "64",
                                "--batch-size",
                                "32",
                                "--epochs",
                                "1",
                                "--ngf",
                                "4",
                                "--ndf",
                                "4",
                                "--nz",
                                "8",
                                "--out",
                                run.toString())
                        .code())
                .isZero();
        MainTest.Result few = dcgan("evaluate", run.toString(), "--count", "3");
        assertThat(few.err()).contains("--count must be at least 6").hasLineCount(1);
        Path notScript = Files.writeString(dir.resolve("net.pt"), "hello");
        MainTest.Result bad = dcgan("evaluate", run.toString(), "--inception", notScript.toString());
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("is not a TorchScript module").hasLineCount(1);
        MainTest.Result colour = dcgan(
                "train", "--dataset", "cifar10", "--eval-every", "10", "--no-download", "--data-dir", dir.toString());
        assertThat(colour.err())
                .contains("needs the FID Inception network: --inception FILE")
                .hasLineCount(1);
    }
}
