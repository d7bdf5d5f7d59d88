package dcgan4j.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dcgan4j.augment.AdaStatus;
import dcgan4j.monitor.RunStatus;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.outputs.MetricsCsv;
import dcgan4j.train.step.StepMetrics;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server over real sockets: what it serves, what it refuses, and the run states it reports. */
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StepMetrics M = new StepMetrics(1.0, 2.0, 0.7, 0.3, 0.2);

    @TempDir
    static Path tmp;

    private static DashboardServer server;
    private static MetricsCsv liveMetrics;
    private static MetricsCsv adaMetrics;

    @BeforeAll
    static void runs() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("runs"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        png(outside.resolve("secret.png"));
        Files.writeString(outside.resolve("metrics.csv"), MetricsCsv.HEADER + "\n");

        Path live = Files.createDirectories(root.resolve("live"));
        liveMetrics = MetricsCsv.create(live.resolve(RunDirectory.METRICS_FILE));
        for (long step = 1; step <= 3; step++) {
            liveMetrics.append(step, 1, M, null);
        }
        Files.writeString(live.resolve("config.yaml"), "epochs: 2\n");
        png(live.resolve("real_samples.png"));
        png(live.resolve("fake_samples_step_3.png"));
        status(live, RunStatus.State.RUNNING, Instant.now(), List.of(new RunStatus.Warning(2, "D wins outright")));
        Files.createSymbolicLink(live.resolve("leak.png"), outside.resolve("secret.png"));
        Files.createSymbolicLink(root.resolve("linked"), outside);

        Path killed = Files.createDirectories(root.resolve("killed"));
        MetricsCsv.create(killed.resolve(RunDirectory.METRICS_FILE)).close();
        status(killed, RunStatus.State.RUNNING, Instant.now().minus(Duration.ofMinutes(10)), List.of());

        Path old = Files.createDirectories(root.resolve("old"));
        try (var csv = MetricsCsv.create(old.resolve(RunDirectory.METRICS_FILE))) {
            csv.append(1, 1, M, null);
        }
        Files.setLastModifiedTime(
                old.resolve(RunDirectory.METRICS_FILE),
                FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        Files.write(old.resolve("netG.safetensors"), new byte[8]);

        Path ada = Files.createDirectories(root.resolve("ada"));
        adaMetrics = MetricsCsv.create(ada.resolve(RunDirectory.METRICS_FILE), true);
        for (long step = 1; step <= 3; step++) {
            adaMetrics.append(step, 1, M, null, new AdaStatus(0.01 * step, 0.5 + 0.1 * step));
        }
        Files.writeString(ada.resolve("config.yaml"), "epochs: 2\naugment: ada\nada-target: 0.7\n");

        server = DashboardServer.start(new DashboardServer.Settings(List.of(root), "127.0.0.1", 0));
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        liveMetrics.close();
        adaMetrics.close();
    }

    @Test
    void listsEveryRunWithItsStateFromStatusOrFiles() throws IOException {
        JsonNode runs = JSON.readTree(get("/api/runs").body());
        assertThat(runs.findValuesAsText("name"))
                .containsExactly("ada", "killed", "live", "old"); // not the link that leads out
        JsonNode live = runs.get(2);
        assertThat(live.get("state").asText()).isEqualTo("running");
        assertThat(live.get("step").asLong()).isEqualTo(3);
        assertThat(live.get("total_steps").asLong()).isEqualTo(20);
        assertThat(live.get("warnings").get(0).get("message").asText()).isEqualTo("D wins outright");
        assertThat(live.get("config").asText()).isEqualTo("epochs: 2\n");
        assertThat(live.get("grids").get(0).asLong()).isEqualTo(3);
        assertThat(runs.get(1).get("state").asText()).isEqualTo("stopped");
        assertThat(runs.get(1).get("note").asText()).startsWith("no update since ");
        assertThat(runs.get(1).get("eta_seconds").isNull()).isTrue();
        assertThat(live.get("eta_seconds").asDouble()).isEqualTo(12.0);
        assertThat(runs.get(3).get("state").asText()).isEqualTo("finished");
        assertThat(runs.get(3).get("note").asText()).contains("no status.json");
    }

    @Test
    void metricsComeAsColumnsAfterAStepAndGrowWithTheFile() throws IOException {
        JsonNode all = JSON.readTree(get("/api/metrics?run=0%2Flive&after=0").body());
        assertThat(all.get("step").size()).isGreaterThanOrEqualTo(3);
        assertThat(all.get("loss_g").get(0).asDouble()).isEqualTo(2.0);
        assertThat(all.get("d_g_z1").get(0).asDouble()).isEqualTo(0.3);
        assertThat(all.get("fid").get(0).isNull()).isTrue();
        long last = all.get("step").get(all.get("step").size() - 1).asLong();

        liveMetrics.append(last + 1, 1, M, new dcgan4j.train.outputs.Quality(42.5, 0.25));
        Files.writeString(
                tmp.resolve("runs/live/metrics.csv"),
                String.valueOf(last + 2) + ",1,0.5",
                java.nio.file.StandardOpenOption.APPEND); // a row the writer has not finished
        JsonNode added =
                JSON.readTree(get("/api/metrics?run=0/live&after=" + last).body());
        assertThat(added.get("step").size()).isEqualTo(1);
        assertThat(added.get("step").get(0).asLong()).isEqualTo(last + 1);
        assertThat(added.get("fid").get(0).asDouble()).isEqualTo(42.5);
        assertThat(get("/api/metrics?run=0/nothing").status()).isEqualTo(404);
    }

    @Test
    void anAdaRunsPAndRtReachTheChartsAndOtherRunsHaveNone() throws IOException {
        JsonNode ada = JSON.readTree(get("/api/metrics?run=0/ada&after=0").body());
        assertThat(ada.get("ada_p").size()).isEqualTo(ada.get("step").size()).isGreaterThanOrEqualTo(3);
        assertThat(ada.get("ada_p").get(1).asDouble()).isEqualTo(0.02);
        assertThat(ada.get("ada_rt").get(2).asDouble()).isEqualTo(0.8);
        long last = ada.get("step").get(ada.get("step").size() - 1).asLong();

        adaMetrics.append(last + 1, 1, M, null, new AdaStatus(0.25, 0.65));
        JsonNode added =
                JSON.readTree(get("/api/metrics?run=0/ada&after=" + last).body());
        assertThat(added.get("ada_p").get(0).asDouble()).isEqualTo(0.25); // live, as the other series
        assertThat(added.get("ada_rt").get(0).asDouble()).isEqualTo(0.65);
        assertThat(JSON.readTree(get("/api/metrics?run=0/ada&after=" + (last + 1))
                                .body())
                        .has("ada_p"))
                .isFalse(); // no rows, no columns

        JsonNode plain = JSON.readTree(get("/api/metrics?run=0/old&after=0").body());
        assertThat(plain.get("step").size()).isEqualTo(1);
        assertThat(plain.has("ada_p")).isFalse();
        assertThat(plain.has("ada_rt")).isFalse();

        JsonNode runs = JSON.readTree(get("/api/runs").body());
        assertThat(runs.get(0).get("name").asText()).isEqualTo("ada");
        assertThat(runs.get(0).get("ada_target").asDouble()).isEqualTo(0.7); // the chart's target line
        assertThat(runs.get(2).get("ada_target").isNull()).isTrue(); // live: config.yaml without augment
    }

    @Test
    void servesTheRunsImagesAndThePageWithItsChartingLibrary() throws IOException {
        Response grid = get("/files/0/live/fake_samples_step_3.png");
        assertThat(grid.status()).isEqualTo(200);
        assertThat(ImageIO.read(new java.io.ByteArrayInputStream(grid.bytes())).getWidth())
                .isEqualTo(4);
        Response page = get("/");
        assertThat(page.body()).contains("/uplot/uPlot.iife.min.js").doesNotContain("http://", "https://");
        assertThat(page.header("content-security-policy")).startsWith("default-src 'self'");
        assertThat(get("/uplot/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(get("/dashboard.js").body()).doesNotContain("http://", "https://");
    }

    @Test
    void nothingOutsideTheFoldersIsServed() throws IOException {
        for (String target : List.of(
                "/files/0/../outside/secret.png",
                "/files/0/%2e%2e/outside/secret.png",
                "/files/0/live/%2E%2E%2F%2E%2E%2Foutside%2Fsecret.png",
                "/files/0/live/..%2f..%2foutside/secret.png",
                "/files//etc/passwd",
                "/files/0//etc/hostname",
                "/files/0/%2Fetc%2Fhostname",
                "/files/" + tmp.resolve("outside/secret.png"),
                "/files/0/live/leak.png",
                "/files/0/linked/secret.png",
                "/files/1/live/real_samples.png",
                "/files/0/live/config.yaml%00.png",
                "/../../etc/passwd",
                "/files/0/live/.metrics.csv.1.tmp")) {
            Response response = get(target);
            assertThat(response.status()).as(target).isIn(400, 403, 404);
            assertThat(new String(response.bytes(), StandardCharsets.ISO_8859_1))
                    .as(target)
                    .doesNotContain(new String(
                            Files.readAllBytes(tmp.resolve("outside/secret.png")), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void onlyReadsAreAnswered() throws IOException {
        byte[] before = Files.readAllBytes(tmp.resolve("runs/live/config.yaml"));
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            Response response = request(method + " /files/0/live/config.yaml HTTP/1.1", "127.0.0.1", "x");
            assertThat(response.status()).as(method).isEqualTo(405);
            assertThat(response.header("allow")).isEqualTo("GET, HEAD");
        }
        assertThat(Files.readAllBytes(tmp.resolve("runs/live/config.yaml"))).isEqualTo(before);
        assertThat(request("GET /api/runs HTTP/1.1", "evil.example", null).status())
                .isEqualTo(403);
        assertThat(request("GET /api/runs HTTP/1.1", "localhost:6006", null).status())
                .isEqualTo(200);
    }

    private static Response get(String target) throws IOException {
        return request("GET " + target + " HTTP/1.1", "127.0.0.1", null);
    }

    /** One request over a plain socket, so that the path goes out exactly as written. */
    private static Response request(String line, String host, String body) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            String head = line + "\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Length: " + body.length() + "\r\n") + "\r\n"
                    + (body == null ? "" : body);
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return Response.parse(in.readAllBytes());
        }
    }

    private record Response(int status, String headers, byte[] bytes) {
        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return new Response(
                    Integer.parseInt(text.substring(9, 12)),
                    text.substring(0, end),
                    java.util.Arrays.copyOfRange(raw, end + 4, raw.length));
        }

        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        String header(String name) {
            return headers.lines()
                    .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(l -> l.substring(name.length() + 1).strip())
                    .findFirst()
                    .orElse(null);
        }
    }

    private static void png(Path file) throws IOException {
        ImageIO.write(new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }

    private static void status(Path run, RunStatus.State state, Instant updated, List<RunStatus.Warning> warnings)
            throws IOException {
        new RunStatus(
                        state,
                        3,
                        20,
                        1,
                        2,
                        400,
                        12.0,
                        updated.minusSeconds(60).toString(),
                        updated.toString(),
                        warnings,
                        null)
                .write(run.resolve(RunDirectory.STATUS_FILE));
    }
}
