package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
    private static final byte[] PAYLOAD = randomBytes(200_000, 42);
    private static final int HALF = PAYLOAD.length / 2;

    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** The Range header of each request, "" where there was none. */
    private final List<String> ranges = new CopyOnWriteArrayList<>();

    /** Answers one request; {@code n} counts requests from 1. */
    @FunctionalInterface
    private interface Handler {
        void handle(HttpExchange exchange, int n, String range) throws IOException;
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void downloadsVerifiesAndLeavesNoPartFile() throws IOException {
        URI url = serve((ex, n, range) -> sendFull(ex, PAYLOAD));
        Path target = dir.resolve("a/b/file.bin");

        Path result = Downloader.standard().fetch(url, target, md5(PAYLOAD));

        assertThat(result).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(Downloader.md5(target)).isEqualTo(md5(PAYLOAD));
        assertThat(part(target)).doesNotExist();
        assertThat(requests).hasValue(1);
    }

    @Test
    void anExistingCorrectTargetIsNotFetchedAgain() throws IOException {
        URI url = serve((ex, n, range) -> sendFull(ex, PAYLOAD));
        Path target = dir.resolve("file.bin");
        Files.write(target, PAYLOAD);

        assertThat(downloader(3).fetch(url, target, md5(PAYLOAD).toUpperCase())).isEqualTo(target);

        assertThat(requests).hasValue(0);
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
    }

    @Test
    void anExistingWrongTargetIsReplaced() throws IOException {
        URI url = serve((ex, n, range) -> sendFull(ex, PAYLOAD));
        Path target = dir.resolve("file.bin");
        Files.write(target, randomBytes(1000, 7));

        downloader(3).fetch(url, target, md5(PAYLOAD));

        assertThat(requests).hasValue(1);
        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
    }

    @Test
    void aChecksumMismatchLeavesNeitherTargetNorPart() throws IOException {
        URI url = serve((ex, n, range) -> sendFull(ex, PAYLOAD));
        Path target = dir.resolve("file.bin");
        String wrong = md5("something else".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> downloader(3).fetch(url, target, wrong))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("file.bin")
                .hasMessageContaining(wrong)
                .hasMessageContaining(md5(PAYLOAD));

        assertThat(target).doesNotExist();
        assertThat(part(target)).doesNotExist();
    }

    @Test
    void resumesAPartFileWithARangeRequest() throws IOException {
        URI url = serve((ex, n, range) -> sendRange(ex, PAYLOAD, range));
        Path target = dir.resolve("file.bin");
        Files.write(part(target), Arrays.copyOf(PAYLOAD, HALF));

        downloader(3).fetch(url, target, md5(PAYLOAD));

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(part(target)).doesNotExist();
        assertThat(ranges).containsExactly("bytes=" + HALF + "-");
    }

    @Test
    void startsOverWhenTheServerIgnoresRange() throws IOException {
        URI url = serve((ex, n, range) -> sendFull(ex, PAYLOAD));
        Path target = dir.resolve("file.bin");
        Files.write(part(target), randomBytes(5000, 3));

        downloader(3).fetch(url, target, md5(PAYLOAD));

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(ranges).containsExactly("bytes=5000-");
    }

    @Test
    void retriesATransientServerError() throws IOException {
        URI url = serve((ex, n, range) -> {
            if (n == 1) {
                ex.sendResponseHeaders(503, -1);
            } else {
                sendFull(ex, PAYLOAD);
            }
        });
        Path target = dir.resolve("file.bin");

        downloader(3).fetch(url, target, md5(PAYLOAD));

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(requests).hasValue(2);
    }

    @Test
    void givesUpAfterTheLastAttempt() throws IOException {
        URI url = serve((ex, n, range) -> {
            if (n == 1) {
                ex.sendResponseHeaders(503, -1);
            } else {
                sendFull(ex, PAYLOAD);
            }
        });
        assertFailsAfterOneRequest(url, 1, "503");
    }

    @Test
    void aClientErrorIsNotRetried() {
        URI url = serve((ex, n, range) -> ex.sendResponseHeaders(404, -1));
        assertFailsAfterOneRequest(url, 3, "404");
    }

    private void assertFailsAfterOneRequest(URI url, int attempts, String status) {
        Path target = dir.resolve("file.bin");
        assertThatThrownBy(() -> downloader(attempts).fetch(url, target, md5(PAYLOAD)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot download " + url)
                .hasMessageContaining(status);
        assertThat(requests).hasValue(1);
        assertThat(target).doesNotExist();
    }

    @Test
    void resumesAfterTheConnectionDropsMidBody() throws IOException {
        URI url = serve((ex, n, range) -> {
            if (n == 1) {
                ex.sendResponseHeaders(200, PAYLOAD.length);
                OutputStream out = ex.getResponseBody();
                out.write(PAYLOAD, 0, HALF);
                out.flush();
                // closing with bytes still owed makes the server drop the connection
            } else {
                sendRange(ex, PAYLOAD, range);
            }
        });
        Path target = dir.resolve("file.bin");

        downloader(3).fetch(url, target, md5(PAYLOAD));

        assertThat(Files.readAllBytes(target)).isEqualTo(PAYLOAD);
        assertThat(requests).hasValue(2);
        assertThat(ranges.get(0)).isEmpty();
        assertThat(ranges.get(1)).matches("bytes=[1-9][0-9]*-");
        long resumedAt = Long.parseLong(
                ranges.get(1).substring("bytes=".length(), ranges.get(1).length() - 1));
        assertThat(resumedAt).isBetween(1L, (long) HALF);
    }

    @Test
    void md5IsLowercaseHex() throws IOException {
        Path file = dir.resolve("abc.txt");
        Files.writeString(file, "abc");
        assertThat(Downloader.md5(file)).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void rejectsFewerThanOneAttempt() {
        assertThatThrownBy(() -> new Downloader(HttpClient.newHttpClient(), 0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attempts");
    }

    private URI serve(Handler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/file.bin", exchange -> {
            int n = requests.incrementAndGet();
            String range = exchange.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            try {
                handler.handle(exchange, n, range);
            } finally {
                exchange.close();
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/file.bin");
    }

    private static Downloader downloader(int attempts) {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new Downloader(client, attempts, Duration.ofMillis(10));
    }

    private static void sendFull(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    /** Honours "Range: bytes=N-" with a 206, otherwise sends the whole body. */
    private static void sendRange(HttpExchange ex, byte[] body, String range) throws IOException {
        if (range == null) {
            sendFull(ex, body);
            return;
        }
        if (!range.matches("bytes=\\d+-")) {
            ex.sendResponseHeaders(400, -1); // the client would then fail, and so would the test
            return;
        }
        int start = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        ex.getResponseHeaders().set("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        ex.sendResponseHeaders(206, body.length - start);
        ex.getResponseBody().write(body, start, body.length - start);
    }

    private static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    private static String md5(byte[] data) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
