package dcgan4j.dashboard;

import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Torch;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What one slider step of the explorer takes, the measurement behind docs/PERFORMANCE.md's "The
 * dashboard": a dashboard serves a run holding a generator of the given size (freshly initialised:
 * the time does not depend on the weights), and one client asks for walk frames one after the other,
 * as a dragged slider does — the whole round trip: HTTP, the generator's forward pass on one z, the
 * PNG. The first request, which loads the generator and checks its kernels, is reported apart.
 * <pre>
 *   ./mvnw -q -B -DskipTests package
 *   java -cp "dcgan4j-cli/target/lib/*" dcgan4j.dashboard.ExplorerLatency [REQUESTS] [IMAGE_SIZE] [CHANNELS]
 * </pre>
 */
public final class ExplorerLatency {
    private ExplorerLatency() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 51;
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int channels = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int threads = Torch.useThreads(0);
        ModelConfig model = ModelConfig.of(size, channels);
        Path runs = Files.createTempDirectory("explorer-latency");
        Path run = Files.createDirectories(runs.resolve("run"));
        Files.writeString(run.resolve("config.yaml"), "image_size: " + size + "\n");
        try (var g = new Generator(model)) {
            ModelFiles.save(g, run.resolve(ModelFiles.GENERATOR_FILE));
        }
        HttpClient http = HttpClient.newHttpClient();
        try (var server = DashboardServer.start(new DashboardServer.Settings(List.of(runs), "127.0.0.1", 0))) {
            List<Double> times = new ArrayList<>();
            for (int i = 0; i <= requests; i++) {
                URI frame =
                        server.uri().resolve("/api/explore/walk.png?run=0%2Frun&a=1&b=2&steps=32&frame=" + (i % 33));
                long start = System.nanoTime();
                HttpResponse<byte[]> response =
                        http.send(HttpRequest.newBuilder(frame).build(), HttpResponse.BodyHandlers.ofByteArray());
                double ms = (System.nanoTime() - start) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(
                            "HTTP " + response.statusCode() + ": " + new String(response.body()));
                }
                if (i == 0) {
                    System.out.printf("first request (loads G, checks its kernels): %.0f ms%n", ms);
                } else {
                    times.add(ms);
                }
            }
            List<Double> sorted = times.stream().sorted().toList();
            System.out.printf(
                    "%dx%dx%d G (nz %d, ngf %d), %d libtorch threads, %s%n",
                    size, size, channels, model.nz(), model.ngf(), threads, processor());
            System.out.printf(
                    "one walk frame over HTTP, %d requests: median %.1f ms, p90 %.1f ms, min %.1f ms, max %.1f ms%n",
                    sorted.size(),
                    sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() * 9 / 10),
                    sorted.get(0),
                    sorted.get(sorted.size() - 1));
        }
    }

    private static String processor() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 2))
                .findFirst()
                .orElse("unknown processor");
    }
}
