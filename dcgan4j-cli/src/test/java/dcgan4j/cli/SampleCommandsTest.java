package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.inspect.ProbeSheets;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.LatentArithmetic;
import dcgan4j.sample.LatentFile;
import dcgan4j.sample.Sampler;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * generate, walk, arithmetic, inspect and nearest on one small trained run, through the command line,
 * and the run's averaged generator (the default {@code --ema}) through them and {@code import}.
 */
class SampleCommandsTest {
    private static final int NZ = 100;

    @TempDir
    static Path dir;

    static Path run;

    @BeforeAll
    static void trainASmallRun() {
        run = dir.resolve("run");
        MainTest.Result r = dcgan(
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
                "--sample-every",
                "0",
                "--out",
                run.toString());
        assertThat(r.code()).as(r.err()).isZero();
    }

    @Test
    void generateWritesANumberedSheetWithItsZAndSampleFiles() throws IOException {
        Path sheet = dir.resolve("gen/sheet.png");
        MainTest.Result r = dcgan(
                "generate", run.toString(), "--numbered", "--count", "12", "--seed", "3", "--out", sheet.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Path z = dir.resolve("gen/sheet.z.safetensors");
        assertThat(r.out().lines()).containsExactly(z.toString(), sheet.toString());
        assertThat(ImageIO.read(sheet.toFile()).getWidth()).isGreaterThan(8 * 28);
        Path files = dir.resolve("gen/files");
        assertThat(dcgan("generate", run.toString(), "--count", "5", "--files", files.toString())
                        .code())
                .isZero();
        try (var listing = Files.list(files)) {
            assertThat(listing.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("seed0001.png", "seed0002.png", "seed0003.png", "seed0004.png", "seed0005.png");
        }
        Path grid = dir.resolve("gen/grid.png");
        assertThat(dcgan(
                                "generate",
                                run.toString(),
                                "--count",
                                "6",
                                "--nrow",
                                "3",
                                "--seed",
                                "4",
                                "--out",
                                grid.toString())
                        .code())
                .isZero();
        try (var scope = new PointerScope();
                Generator g = ModelFiles.loadGenerator(run)) {
            assertThat(LatentFile.load(z, NZ).equal(LatentNoise.forSeeds(3, 12, g.config())))
                    .as("the sheet's z are its seeds'")
                    .isTrue();
            List<int[]> seen = new ArrayList<>();
            for (int seed = 1; seed <= 5; seed++) {
                BufferedImage png = ImageIO.read(
                        files.resolve(String.format("seed%04d.png", seed)).toFile());
                assertThat(png.getWidth()).isEqualTo(28);
                assertThat(png.getHeight()).isEqualTo(28);
                int[] pixels = pixels(png);
                assertThat(pixels)
                        .as("seed %d", seed)
                        .isEqualTo(pixels(
                                ImageGrid.tiles(Sampler.generate(g, 1, seed)).get(0)));
                seen.forEach(other -> assertThat(pixels).isNotEqualTo(other));
                seen.add(pixels);
            }
            assertThat(pixels(ImageIO.read(grid.toFile())))
                    .as("a grid of seeds 4 to 9")
                    .isEqualTo(pixels(ImageGrid.of(Sampler.generate(g, 6, 4), 3)));
        }
        MainTest.Result both = dcgan("generate", run.toString(), "--numbered", "--files", files.toString());
        assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err().lines()).hasSize(1);
    }

    @Test
    void walkWritesAStripAndAGifWithEveryFrame() throws IOException {
        Path sheet = dir.resolve("walk/sheet.png");
        assertThat(dcgan("generate", run.toString(), "--numbered", "--count", "6", "--out", sheet.toString())
                        .code())
                .isZero();
        Path z = dir.resolve("walk/sheet.z.safetensors");
        Path strip = dir.resolve("walk/walk.png");
        MainTest.Result r = dcgan(
                "walk",
                run.toString(),
                "seed:9",
                "2",
                "5",
                "--z",
                z.toString(),
                "--steps",
                "4",
                "--out",
                strip.toString());
        assertThat(r.code()).as(r.err()).isZero();
        BufferedImage picture = ImageIO.read(strip.toFile());
        assertThat(picture.getWidth()).isEqualTo(9 * 30 + 2); // 2 segments x 4 steps + the end, 28 px + border
        assertThat(gifFrames(dir.resolve("walk/walk.gif"))).isEqualTo(9);

        MainTest.Result bad = dcgan("walk", run.toString(), "seed:1", "banana");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err().strip())
                .isEqualTo("dcgan walk: 'banana' names no latent point: use " + LatentPoints.SYNTAX);
        MainTest.Result noSheet = dcgan("walk", run.toString(), "1", "2");
        assertThat(noSheet.err()).contains("sheet indices need --z FILE");
        MainTest.Result offSheet = dcgan("walk", run.toString(), "1", "60", "--z", z.toString());
        assertThat(offSheet.err()).contains("index 60 is not on the sheet");
    }

    @Test
    void arithmeticWithAEqualToBReturnsTheMeanOfC() throws IOException {
        Path sheet = dir.resolve("arith/sheet.png");
        assertThat(dcgan("generate", run.toString(), "--numbered", "--count", "10", "--out", sheet.toString())
                        .code())
                .isZero();
        Path z = dir.resolve("arith/sheet.z.safetensors");
        Path out = dir.resolve("arith/result.png");
        MainTest.Result r = dcgan(
                "arithmetic",
                run.toString(),
                "--z",
                z.toString(),
                "--a",
                "1,2",
                "--b",
                "1,2",
                "--c",
                "4,7",
                "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.exists(out)).isTrue();
        try (var scope = new PointerScope()) {
            Tensor all = LatentFile.load(z, NZ);
            Tensor c = torch.cat(new TensorVector(all.narrow(0, 4, 1), all.narrow(0, 7, 1)));
            Tensor result = LatentFile.load(dir.resolve("arith/result.z.safetensors"), NZ);
            assertThat(result.equal(LatentArithmetic.mean(c))).isTrue();
        }
    }

    @Test
    void inspectAndNearestLookAtTheRunsOwnData() throws IOException {
        Path inspect = dir.resolve("inspect");
        MainTest.Result r = dcgan("inspect", run.toString(), "--count", "4", "--out", inspect.toString());
        assertThat(r.code()).as(r.err()).isZero();
        for (String name : List.of("filters.png", "activations.png", "saliency.png")) {
            assertThat(ImageIO.read(inspect.resolve(name).toFile())).as(name).isNotNull();
        }
        try (var scope = new PointerScope();
                var d = ModelFiles.loadDiscriminator(run)) {
            assertThat(pixels(ImageIO.read(inspect.resolve("filters.png").toFile())))
                    .as("the run's own D's filters")
                    .isEqualTo(pixels(ProbeSheets.filters(d)));
        }
        Path mine = dir.resolve("mine");
        r = dcgan(
                "inspect",
                run.toString(),
                "--image",
                run.resolve("real_samples.png").toString(),
                "--out",
                mine.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(mine.resolve("saliency.png")).exists();

        Path nearest = dir.resolve("nearest.png");
        r = dcgan("nearest", run.toString(), "--samples", "50", "--k", "2", "--rows", "3", "--out", nearest.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().toList()).hasSize(6).first().asString().contains("median");
        assertThat(r.out()).contains("generated, pixels", "other built-in digits, D features");
        assertThat(ImageIO.read(nearest.toFile()).getHeight()).isGreaterThan(3 * 64);
    }

    @Test
    void everyCommandExplainsItselfWithAnExample() {
        for (String command : List.of("generate", "walk", "arithmetic", "inspect", "nearest")) {
            MainTest.Result help = dcgan(command, "--help");
            assertThat(help.code()).isZero();
            assertThat(help.out()).as(command).contains("Examples:", "dcgan " + command);
        }
    }

    /** Every pixel as RGB, whatever type the picture was read back as. */
    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static int gifFrames(Path gif) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            return reader.getNumImages(true);
        }
    }

    @Test
    void theSamplingCommandsUseTheAveragedGeneratorUnlessToldRaw() throws IOException {
        assertThat(run.resolve("netG_ema.safetensors")).isRegularFile();
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("ema: 0.99"); // the default
        Path byRun = generate(run, "run.png");
        Path byEma = generate(run.resolve("netG_ema.safetensors"), "ema.png");
        Path byRaw = generate(run.resolve("netG.safetensors"), "raw-file.png");
        MainTest.Result raw = dcgan(
                "generate",
                run.toString(),
                "--raw",
                "--count",
                "8",
                "--seed",
                "3",
                "--out",
                dir.resolve("raw.png").toString());
        assertThat(raw.code()).as(raw.err()).isZero();

        assertThat(Files.readAllBytes(byRun))
                .isEqualTo(Files.readAllBytes(byEma))
                .isNotEqualTo(Files.readAllBytes(byRaw));
        assertThat(Files.readAllBytes(dir.resolve("raw.png"))).isEqualTo(Files.readAllBytes(byRaw));
        MainTest.Result walk = dcgan(
                "walk",
                run.toString(),
                "seed:1",
                "seed:2",
                "--steps",
                "3",
                "--out",
                dir.resolve("walk.png").toString());
        assertThat(walk.code()).as(walk.err()).isZero();
    }

    @Test
    void importKeepsTheAveragedGeneratorAndTrainingAveragesOnFromIt() throws IOException {
        Path copy = dir.resolve("copy");
        MainTest.Result imported = dcgan(
                "import",
                run.resolve("netG.safetensors").toString(),
                run.resolve("netD.safetensors").toString(),
                "--averaged",
                run.resolve("netG_ema.safetensors").toString(),
                "--ema",
                "0.9",
                "--synthetic-count",
                "64",
                "--batch-size",
                "32",
                "--epochs",
                "1",
                "--out",
                copy.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        try (var scope = new PointerScope()) {
            Map<String, Tensor> original = ModelFiles.readTensors(run.resolve("netG_ema.safetensors"));
            assertThat(sameTensors(ModelFiles.readTensors(copy.resolve("netG_ema.safetensors")), original))
                    .isTrue();
            Checkpoint start = RunDirectory.open(copy).checkpoints(3).latest().orElseThrow();
            Map<String, Tensor> averaged = new LinkedHashMap<>();
            original.forEach((name, t) -> averaged.put(name, start.tensor("netG_ema." + name)));
            assertThat(sameTensors(averaged, original)).isTrue();
        }
        MainTest.Result resumed = dcgan("train", "--resume", copy.toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Files.readAllBytes(copy.resolve("netG_ema.safetensors")))
                .isNotEqualTo(Files.readAllBytes(run.resolve("netG_ema.safetensors")));

        MainTest.Result noDecay = dcgan(
                "import",
                run.resolve("netG.safetensors").toString(),
                run.resolve("netD.safetensors").toString(),
                "--averaged",
                run.resolve("netG_ema.safetensors").toString(),
                "--ema",
                "0",
                "--synthetic-count",
                "64",
                "--out",
                dir.resolve("nodecay").toString());
        assertThat(noDecay.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(noDecay.err().strip()).contains("--ema").doesNotContain("\n").doesNotContain("Exception");
        assertThat(dir.resolve("nodecay")).doesNotExist();

        MainTest.Result notAGenerator = dcgan(
                "import",
                run.resolve("netG.safetensors").toString(),
                "--averaged",
                run.resolve("netD.safetensors").toString(),
                "--out",
                dir.resolve("notg").toString());
        assertThat(notAGenerator.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(notAGenerator.err()).contains("unexpected tensor");
        assertThat(dir.resolve("notg")).doesNotExist(); // refused before anything is written
    }

    private static Path generate(Path source, String png) {
        Path out = dir.resolve(png);
        MainTest.Result r =
                dcgan("generate", source.toString(), "--count", "8", "--seed", "3", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        return out;
    }

    private static boolean sameTensors(Map<String, Tensor> a, Map<String, Tensor> b) {
        return a.keySet().equals(b.keySet())
                && a.keySet().stream().allMatch(name -> a.get(name).equal(b.get(name)));
    }
}
