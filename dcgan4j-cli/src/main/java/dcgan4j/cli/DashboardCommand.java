package dcgan4j.cli;

import dcgan4j.dashboard.DashboardServer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcgan dashboard}: a local web page that follows the runs in some folders until Ctrl-C. */
@Command(
        name = "dashboard",
        mixinStandardHelpOptions = true,
        description = {
            "Serve a web page that follows training runs live: every run under the folders with its state,",
            "step, ETA and configuration; Loss_D/Loss_G, D(x)/D(G(z)) and FID/KID charts that grow while a run",
            "trains (several runs overlaid, smoothing); the fixed-noise grids with a slider; failure-watch warnings;",
            "for a run with a generator, an explorer: samples by seed, walks on a slider, vector arithmetic.",
            "Read-only, offline (nothing is loaded from the internet), on this machine only unless --host says so.",
            "Runs until Ctrl-C. 'dcgan train --dashboard' serves the same page from the training process."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan dashboard                              the runs under runs/, at http://127.0.0.1:6006/",
            "  dcgan dashboard runs/digits runs/mnist --port 8080",
            "  dcgan dashboard runs --host 0.0.0.0          reachable from other machines too",
            "",
            ExitCodes.HELP_SECTION
        })
final class DashboardCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardCommand.class);

    @Parameters(
            paramLabel = "RUNS_DIR",
            arity = "0..*",
            description = "folders of runs, or run directories (default: runs)")
    List<Path> folders = List.of(Path.of("runs"));

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "6006",
            description = "port (default: ${DEFAULT-VALUE})")
    int port;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            defaultValue = DashboardOption.LOOPBACK,
            description = "address to listen on (default: ${DEFAULT-VALUE}, this machine only)")
    String host;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (DashboardServer server = DashboardOption.start(folders, host, port, "--port")) {
            LOG.info("dashboard of {} at {} (Ctrl-C stops it)", folders, server.uri());
            spec.commandLine().getOut().println(server.uri());
            new CountDownLatch(1).await(); // serves until the JVM is stopped
        }
        return ExitCodes.OK;
    }
}
