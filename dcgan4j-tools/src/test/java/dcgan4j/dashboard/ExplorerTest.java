package dcgan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.model.LatentNoise;
import dcgan4j.run.ModelFiles;
import dcgan4j.sample.LatentFile;
import dcgan4j.sample.TrainedGenerator;
import dcgan4j.torch.Tensors;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explorer's endpoints over real HTTP: its pictures are those of the library's sampling code for
 * the same seeds, its z downloads are the vectors computed here by hand and load as {@code dcgan walk}
 * loads z files, bad parameters are a short 400, and no request writes a file.
 */
class ExplorerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;

    private static Path runs;
    private static DashboardServer server;

    @BeforeAll
    static void start() throws IOException {
        runs = tmp.resolve("runs");
        ExploredRuns.run(runs.resolve("digits"), ExploredRuns.SMALL, 1, ModelFiles.GENERATOR_FILE);
        ExploredRuns.run(runs.resolve("classes"), ExploredRuns.CONDITIONAL, 2, ModelFiles.AVERAGED_GENERATOR_FILE);
        Files.createDirectories(runs.resolve("untrained"));
        Files.writeString(runs.resolve("untrained/config.yaml"), "epochs: 1\n");
        server = DashboardServer.start(new DashboardServer.Settings(List.of(runs), "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aGridIsTheImagesOfItsSeedsAndItsZTheirVectors() throws IOException, InterruptedException {
        BufferedImage grid = png("grid.png?run=0/digits&seed=7&count=10");
        assertThat(grid.getWidth()).isEqualTo(8 * 30 + 2);
        assertThat(grid.getHeight()).isEqualTo(2 * 30 + 2);
        try (var g = TrainedGenerator.load(runs.resolve("digits"));
                var scope = new PointerScope()) {
            List<BufferedImage> expected = g.images(10, 7);
            for (int i = 0; i < 10; i++) {
                BufferedImage tile = grid.getSubimage(2 + (i % 8) * 30, 2 + (i / 8) * 30, 28, 28);
                assertThat(pixels(tile)).as("seed %d", 7 + i).isEqualTo(pixels(expected.get(i)));
            }
            assertThat(pixels(expected.get(0))).isNotEqualTo(pixels(expected.get(1)));
            var z = zFile("grid.z.safetensors?run=0/digits&seed=7&count=10");
            assertThat(z.equal(LatentNoise.forSeeds(7, 10, ExploredRuns.SMALL))).isTrue();
        }
    }

    @Test
    void aWalkFrameIsTheInterpolationOfTwoSeeds() throws IOException, InterruptedException {
        try (var scope = new PointerScope()) {
            float[] a = Tensors.toFloats(LatentNoise.forSeeds(3, 1, ExploredRuns.SMALL));
            float[] b = Tensors.toFloats(LatentNoise.forSeeds(9, 1, ExploredRuns.SMALL));
            String walk = "run=0/digits&a=3&b=9&steps=8&frame=3";
            float[] linear = Tensors.toFloats(zFile("walk.z.safetensors?" + walk + "&mode=linear"));
            float[] spherical = Tensors.toFloats(zFile("walk.z.safetensors?" + walk));
            double dot = 0, na = 0, nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * (double) b[i];
                na += a[i] * (double) a[i];
                nb += b[i] * (double) b[i];
            }
            double omega = Math.acos(dot / Math.sqrt(na * nb));
            double t = 3 / 8.0;
            for (int i = 0; i < a.length; i++) {
                assertThat((double) linear[i]).isCloseTo((1 - t) * a[i] + t * b[i], offset(1e-6));
                double slerp = (Math.sin((1 - t) * omega) * a[i] + Math.sin(t * omega) * b[i]) / Math.sin(omega);
                assertThat((double) spherical[i]).isCloseTo(slerp, offset(1e-5));
            }
        }
        BufferedImage first = png("walk.png?run=0/digits&a=3&b=9&steps=8&frame=0");
        BufferedImage middle = png("walk.png?run=0/digits&a=3&b=9&steps=8&frame=4");
        BufferedImage last = png("walk.png?run=0/digits&a=3&b=9&steps=8&frame=8");
        BufferedImage seed3 = png("grid.png?run=0/digits&seed=3&count=1"); // one image a batch, as a frame
        BufferedImage seed9 = png("grid.png?run=0/digits&seed=9&count=1");
        assertThat(pixels(first)).isEqualTo(pixels(seed3.getSubimage(2, 2, 28, 28)));
        assertThat(pixels(last)).isEqualTo(pixels(seed9.getSubimage(2, 2, 28, 28)));
        assertThat(pixels(middle)).isNotEqualTo(pixels(first)).isNotEqualTo(pixels(last));
    }

    @Test
    void arithmeticIsMeanAMinusMeanBPlusMeanC() throws IOException, InterruptedException {
        try (var scope = new PointerScope()) {
            float[] result = Tensors.toFloats(zFile("arithmetic.z.safetensors?run=0/digits&a=1,2&b=3&c=4,5,6"));
            float[][] z = new float[7][];
            for (int s = 1; s <= 6; s++) {
                z[s] = Tensors.toFloats(LatentNoise.forSeeds(s, 1, ExploredRuns.SMALL));
            }
            for (int i = 0; i < 16; i++) {
                double expected = (z[1][i] + z[2][i]) / 2.0 - z[3][i] + (z[4][i] + z[5][i] + z[6][i]) / 3.0;
                assertThat((double) result[i]).isCloseTo(expected, offset(1e-5));
            }
        }
        BufferedImage sheet = png("arithmetic.png?run=0/digits&a=1,2&b=3&c=4,5,6&neighbours=2");
        assertThat(sheet.getWidth()).isGreaterThan(4 * 28); // a row of C: three members and their mean
    }

    @Test
    void aConditionalRunDrawsTheChosenClassWithItsAveragedGenerator() throws IOException, InterruptedException {
        JsonNode info = new ObjectMapper().readTree(get("info?run=0/classes").body());
        assertThat(info.get("generator").asText()).isEqualTo(ModelFiles.AVERAGED_GENERATOR_FILE);
        assertThat(info.get("classes").asInt()).isEqualTo(3);
        assertThat(info.get("max_images").asInt()).isEqualTo(Pictures.MAX_IMAGES);
        BufferedImage grid = png("grid.png?run=0/classes&seed=5&count=2&class=2");
        try (var g = TrainedGenerator.load(runs.resolve("classes"))) {
            assertThat(pixels(grid.getSubimage(32, 2, 28, 28)))
                    .isEqualTo(pixels(g.images(2, 5, 2).get(1)));
        }
        assertThat(get("walk.png?run=0/classes&a=1&b=2&steps=4&frame=1&class=1").statusCode())
                .isEqualTo(200);
    }

    @Test
    void badRequestsAreRefusedWithAShortMessage() throws IOException, InterruptedException {
        Map<String, String> refused = new TreeMap<>();
        for (String target : List.of(
                "grid.png?run=0/digits&seed=1&count=65",
                "grid.png?run=0/digits&seed=1&count=100000000000",
                "grid.png?run=0/digits&seed=1&count=abc",
                "grid.png?run=0/digits&seed=-1&count=4",
                "grid.png?run=0/digits&seed=1e3&count=4",
                "grid.png?run=0/digits&count=4",
                "grid.png?run=0/nothing&seed=1&count=4",
                "grid.png?run=0/../outside&seed=1&count=4",
                "grid.png?run=%2e%2e%2fetc&seed=1&count=4",
                "grid.png?seed=1&count=4",
                "grid.png?run=0/untrained&seed=1&count=4",
                "info?run=0/untrained",
                "grid.png?run=0/digits&seed=1&count=4&class=0",
                "grid.png?run=0/classes&seed=1&count=4&class=3",
                "walk.png?run=0/classes&a=1&b=2&steps=4&frame=1",
                "walk.png?run=0/digits&a=1&b=2&steps=4&frame=5",
                "walk.png?run=0/digits&a=1&b=2&steps=257&frame=1",
                "walk.png?run=0/digits&a=1&b=2&steps=4&frame=1&mode=cubic",
                "arithmetic.png?run=0/digits&a=1,2,3,4,5,6,7,8,9,10,11,12,13&b=1&c=2",
                "arithmetic.png?run=0/digits&a=1,,2&b=1&c=2",
                "arithmetic.png?run=0/digits&a=1&b=1&c=2&neighbours=17",
                "sheet.png?run=0/digits",
                "grid.gif?run=0/digits&seed=1&count=4")) {
            HttpResponse<String> response = get(target);
            refused.put(target, response.statusCode() + " " + response.body().strip());
            assertThat(response.statusCode()).as(target).isEqualTo(400);
            assertThat(response.body()).as(target).hasSizeLessThan(160).doesNotContain("Exception", "\tat ");
        }
        assertThat(refused.get("grid.png?run=0/digits&seed=1&count=65"))
                .isEqualTo("400 count must be a whole number from 1 to 64, got '65'");
        assertThat(refused.get("info?run=0/untrained")).contains("has no generator yet");
        assertThat(refused.get("walk.png?run=0/classes&a=1&b=2&steps=4&frame=1"))
                .isEqualTo("400 the generator is conditional: choose class=0 to 2");
    }

    @Test
    void noRequestWritesAFileAndConcurrentOnesAreAnsweredInTurn() throws Exception {
        Map<String, String> before = listing();
        List<CompletableFuture<HttpResponse<byte[]>>> all = IntStream.range(0, 6)
                .mapToObj(i -> HTTP.sendAsync(
                        request(
                                i % 2 == 0
                                        ? "grid.png?run=0/digits&seed=1&count=64"
                                        : "grid.z.safetensors?run=0/classes&seed=1&count=64"),
                        HttpResponse.BodyHandlers.ofByteArray()))
                .toList();
        for (var response : all) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        assertThat(all.get(0).get().body()).isEqualTo(all.get(2).get().body());
        get("walk.z.safetensors?run=0/digits&a=1&b=2&steps=4&frame=1");
        get("arithmetic.png?run=0/digits&a=1&b=2&c=3");
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void aGeneratorSavedAgainIsLoadedAgain() throws Exception {
        Path run = ExploredRuns.run(runs.resolve("retrained"), ExploredRuns.SMALL, 3, ModelFiles.GENERATOR_FILE);
        byte[] first = bytes("grid.png?run=0/retrained&seed=1&count=4");
        ExploredRuns.run(run, ExploredRuns.SMALL, 4, ModelFiles.GENERATOR_FILE);
        Files.setLastModifiedTime(
                run.resolve(ModelFiles.GENERATOR_FILE),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        byte[] second = bytes("grid.png?run=0/retrained&seed=1&count=4");
        assertThat(second).isNotEqualTo(first);
    }

    private static Map<String, String> listing() throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(runs)) {
            for (Path p : all.toList()) {
                files.put(
                        runs.relativize(p).toString(),
                        Files.isDirectory(p) ? "dir" : Files.size(p) + " " + Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    private static HttpRequest request(String target) {
        return HttpRequest.newBuilder(URI.create(server.uri() + "api/explore/" + target))
                .build();
    }

    private static HttpResponse<String> get(String target) throws IOException, InterruptedException {
        return get(target, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static <T> HttpResponse<T> get(String target, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return HTTP.send(request(target), body);
    }

    /** A picture the server draws; its status must be 200. */
    private static BufferedImage png(String target) throws IOException, InterruptedException {
        return ImageIO.read(new ByteArrayInputStream(bytes(target)));
    }

    /** A z download, read as {@code dcgan walk} reads z files: saved, then {@link LatentFile#load}. */
    private static org.bytedeco.pytorch.Tensor zFile(String target) throws IOException, InterruptedException {
        Path file = Files.createTempFile(Files.createDirectories(tmp.resolve("downloads")), "z", ".z.safetensors");
        Files.write(file, bytes(target));
        return LatentFile.load(file, 16);
    }

    private static byte[] bytes(String target) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = get(target, HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(target).isEqualTo(200);
        return response.body();
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
