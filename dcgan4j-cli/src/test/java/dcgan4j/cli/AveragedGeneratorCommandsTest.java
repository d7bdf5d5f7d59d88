package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.run.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --ema through the command line: --ema 0 is the run of before, a decay out of range one line (the sampling commands and import: SampleCommandsTest). */
class AveragedGeneratorCommandsTest {
    @TempDir
    static Path dir;

    /**
     * SHA-256 of a 20-step run made by dcgan4j before the averaged generator existed (commit 6acf663,
     * on one thread, which makes libtorch's CPU arithmetic the same from run to run):
     * {@code train --synthetic-count 640 --epochs 2 --batch-size 64 --threads 1 --sample-every 5 --no-events}.
     */
    private static final Map<String, String> BEFORE_AVERAGING = Map.of(
            "netG.safetensors", "90a8191ab7e5a2e5ef53a4d9de8fa47945bbcff641b6c61f90035749beccd987",
            "netD.safetensors", "484e9b8b914f39ec5f61fab50d230ee8ed9963bc191c32002d871054b30b92be",
            "metrics.csv", "b991062ce4f1fd630ef62af37dff7261ca59ee29d76a14c3a743ebd502d5a58d",
            "fake_samples_step_5.png", "434cc219f7f01bde69a00c20c19fc8ffa409ba2acd80133c02babc22f27ba0a1",
            "fake_samples_step_10.png", "85fa3a3a757a947a141937c434546a0f3d95d830fdc72ca6e4bdf12ea90d652e",
            "fake_samples_step_15.png", "5809c190335c4af5d5b820dbfe3d38fb4457c0b2349056972173df121d93507b",
            "fake_samples_step_20.png", "e409097fef4dd93b3775c565ec260747baf187fdd43d65232aae769f9296754b");

    @Test
    void emaZeroIsByteForByteTheRunOfBeforeTheAverage() throws IOException {
        Path out = dir.resolve("ema0");
        MainTest.Result r = dcgan("train", "--synthetic-count", "640", "--epochs", "2", "--batch-size", "64", "--threads", "1",
                "--sample-every", "5", "--no-events", "--ema", "0", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, String> now = new LinkedHashMap<>();
        for (String file : BEFORE_AVERAGING.keySet()) {
            now.put(file, sha256(out.resolve(file)));
        }
        assertThat(now).isEqualTo(BEFORE_AVERAGING);
        assertThat(out.resolve(ModelFiles.AVERAGED_GENERATOR_FILE)).doesNotExist();
    }

    @Test
    void aDecayOfOneOrMoreIsOneLineNamingTheFlag() {
        MainTest.Result r = dcgan("train", "--synthetic-count", "64", "--ema", "1.5", "--out", dir.resolve("bad").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err().strip()).contains("(--ema)", "[0, 1)").doesNotContain("\n");
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
