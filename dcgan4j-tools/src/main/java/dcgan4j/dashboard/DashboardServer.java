package dcgan4j.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.outputs.MetricsCsv.Row;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local web page that follows training runs: the run list with states, live charts, the sample
 * grids, and a latent {@link Explorer} of a run's generator. The JDK's own HTTP server is enough for
 * it — a few GET requests a second from one or two browser tabs, small JSON answers and image files —
 * so it costs no dependency; two daemon threads serve it, so it can never take more than that from a
 * training process it runs in, and the explorer draws one capped picture at a time.
 *
 * <p>Read-only by construction: only GET and HEAD are answered (anything else is 405), nothing is
 * written (the explorer's downloads are made in memory), and files come only from {@link ServedFolders}. Bound to a loopback address, it also
 * refuses requests whose {@code Host} is not a loopback name, so a web page elsewhere cannot read the
 * runs through a DNS name it points at 127.0.0.1.
 */
public final class DashboardServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
    private final ServedFolders folders;
    private final Explorer explorer;
    private final Assets assets = new Assets();
    private final Map<Path, MetricsTail> tails = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService threads;
    private final boolean loopback;

    /** Where to serve which folders of runs; {@code port} 0 takes any free port. */
    public record Settings(List<Path> folders, String host, int port) {
        public Settings {
            folders = List.copyOf(folders);
            if (folders.isEmpty()) {
                throw new IllegalArgumentException("the dashboard needs at least one folder of runs");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
            }
        }
    }

    private DashboardServer(Settings settings) throws IOException {
        folders = new ServedFolders(settings.folders());
        explorer = new Explorer(folders);
        InetAddress address = InetAddress.getByName(settings.host());
        loopback = address.isLoopbackAddress();
        server = HttpServer.create(new InetSocketAddress(address, settings.port()), 16);
        threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "dashboard-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
    }

    /** Starts serving; {@link #close} stops. */
    public static DashboardServer start(Settings settings) throws IOException {
        DashboardServer dashboard = new DashboardServer(settings);
        dashboard.server.start();
        return dashboard;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:6006/}. */
    public URI uri() {
        InetSocketAddress at = server.getAddress();
        String host = at.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + at.getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.error(exchange, 405, "read-only: only GET and HEAD");
            } else if (loopback
                    && !Requests.isLoopbackHost(exchange.getRequestHeaders().getFirst("Host"))) {
                Responses.error(exchange, 403, "this dashboard answers to localhost only");
            } else {
                route(exchange, exchange.getRequestURI());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("dashboard request {} failed", exchange.getRequestURI(), e);
            Responses.error(exchange, 500, "could not read the run: " + e.getMessage());
        }
    }

    private void route(HttpExchange exchange, URI uri) throws IOException {
        String path = uri.getPath(); // decoded: %2e%2e is .. here, and refused as such
        byte[] asset = assets.get(path);
        if (asset != null) {
            Responses.send(exchange, 200, Assets.type(path), asset);
        } else if (path.equals("/api/runs")) {
            Responses.json(exchange, summaries());
        } else if (path.equals("/api/metrics")) {
            metrics(exchange, Requests.query(uri.getRawQuery()));
        } else if (path.startsWith(Explorer.PREFIX)) {
            explorer.serve(exchange, path.substring(Explorer.PREFIX.length()), Requests.query(uri.getRawQuery()));
        } else if (path.startsWith("/files/")) {
            List<String> segments =
                    Arrays.asList(path.substring("/files/".length()).split("/", -1));
            Optional<Path> file = folders.file(segments);
            if (file.isPresent()) {
                Responses.send(
                        exchange,
                        200,
                        Responses.type(file.get().getFileName().toString()),
                        Files.readAllBytes(file.get()));
            } else {
                Responses.error(exchange, 404, "no such file in the served folders");
            }
        } else {
            Responses.error(exchange, 404, "not found");
        }
    }

    private List<RunSummary> summaries() throws IOException {
        List<RunSummary> list = new ArrayList<>();
        Instant now = Instant.now();
        for (ServedFolders.Run run : folders.runs()) {
            list.add(RunSummary.of(run, tail(run), now));
        }
        return list;
    }

    private void metrics(HttpExchange exchange, Map<String, String> query) throws IOException {
        Optional<ServedFolders.Run> run = folders.run(query.getOrDefault("run", ""));
        MetricsTail tail = run.isEmpty() ? null : tail(run.get());
        if (tail == null) {
            Responses.error(exchange, 404, "no such run, or it has no metrics yet");
            return;
        }
        List<Row> rows = tail.after(Requests.longValue(query, "after", 0));
        Responses.json(exchange, MetricsColumns.of(rows));
    }

    private MetricsTail tail(ServedFolders.Run run) {
        return run.file(RunDirectory.METRICS_FILE)
                .map(f -> tails.computeIfAbsent(f, MetricsTail::new))
                .orElse(null);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        explorer.close();
    }
}
