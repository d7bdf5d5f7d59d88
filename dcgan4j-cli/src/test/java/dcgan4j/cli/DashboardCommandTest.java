package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dcgan dashboard} and {@code train --dashboard} through the command line. */
class DashboardCommandTest {
    @TempDir
    Path dir;

    @Test
    void badFoldersPortsAndTakenPortsAreOneLineAndExitCode2() throws IOException {
        MainTest.Result missing = dcgan("dashboard", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err().lines())
                .containsExactly("dcgan dashboard: not found: " + dir.resolve("nope") + " (no such folder of runs)");

        MainTest.Result port = dcgan("dashboard", dir.toString(), "--port", "70000");
        assertThat(port.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(port.err().lines()).containsExactly("dcgan dashboard: port must be between 0 and 65535, got 70000");

        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            MainTest.Result busy = dcgan("dashboard", dir.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(busy.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(busy.err().lines()).hasSize(1);
            assertThat(busy.err())
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort(), "choose another --port");
        }
        assertThat(dcgan("dashboard", "--help").out()).contains("Examples:", "dcgan dashboard runs/digits runs/mnist");
    }

    @Test
    void trainWithADashboardWritesStatusAndKeepsTheOptionOutOfTheConfig() throws IOException {
        Path run = dir.resolve("run");
        MainTest.Result r = dcgan(
                "train",
                "--synthetic-count",
                "128",
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
                run.toString(),
                "--dashboard",
                "0");
        assertThat(r.code()).as(r.err()).isZero();
        var status = new ObjectMapper().readTree(run.resolve("status.json").toFile());
        assertThat(status.get("state").asText()).isEqualTo("finished");
        assertThat(status.get("step").asLong()).isEqualTo(4);
        assertThat(Files.readString(run.resolve("config.yaml"))).doesNotContain("dashboard");
    }
}
