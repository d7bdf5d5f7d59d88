package dcgan4j.cli;

import dcgan4j.dashboard.DashboardServer;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --dashboard [PORT]} of {@code dcgan train}: the dashboard served from the training process. */
final class DashboardOption {
    static final String LOOPBACK = "127.0.0.1";
    private static final Logger LOG = LoggerFactory.getLogger(DashboardOption.class);

    @MayChangeOnResume
    @Option(
            names = "--dashboard",
            paramLabel = "PORT",
            arity = "0..1",
            fallbackValue = "6006",
            description = "serve the live dashboard of the run's folder (this run and the others beside it) while "
                    + "training, on PORT (default ${FALLBACK-VALUE})")
    Integer port;

    @MayChangeOnResume
    @Option(
            names = "--dashboard-host",
            paramLabel = "HOST",
            defaultValue = LOOPBACK,
            description = "address the dashboard listens on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    /** The dashboard of the folder that holds {@code runDir}, when asked for; null otherwise. */
    DashboardServer start(Path runDir) throws IOException {
        if (port == null) {
            return null;
        }
        Path parent = runDir.toAbsolutePath().getParent();
        DashboardServer server = start(List.of(parent), host, port, "--dashboard");
        LOG.info("dashboard: {}", server.uri());
        return server;
    }

    /** Starts a dashboard; a taken port is bad input that names {@code portOption}. */
    static DashboardServer start(List<Path> folders, String host, int port, String portOption) throws IOException {
        try {
            return DashboardServer.start(new DashboardServer.Settings(folders, host, port));
        } catch (BindException e) {
            throw new IOException(
                    "cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); choose another " + portOption
                            + " PORT",
                    e);
        }
    }
}
