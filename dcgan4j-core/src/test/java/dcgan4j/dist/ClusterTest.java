package dcgan4j.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.testing.Jvm;
import dcgan4j.torch.Torch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real Gloo groups of real JVMs on loopback, started the way {@code dcgan train --nproc} starts them. */
class ClusterTest {
    private final List<String> out = Collections.synchronizedList(new ArrayList<>());
    private final List<String> err = Collections.synchronizedList(new ArrayList<>());

    @Test
    void twoProcessesSumGatherBroadcastAndAverageGradientsThenOneFailureStopsBoth() throws Exception {
        List<ProcessHandle> workers;
        try (var launcher = WorkerLauncher.start(
                Jvm.command(WorkerMain.class, "collectives"), 2, Duration.ofSeconds(1), out::add, err::add)) {
            workers = launcher.workers();
            assertThat(launcher.await()).as("%s", err).isEqualTo(3); // rank 1's code; rank 0 was stopped
        }
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
        for (int rank = 0; rank < 2; rank++) {
            String p = "[rank " + rank + "] ";
            assertThat(out)
                    .contains(
                            p + "sum [3.0, 30.0]",
                            p + "gather [0.0, 100.0, 7.0] [1.0, 101.0, 7.0]",
                            p + "grad[0] [1.0, 1.0]",
                            p + "grad[1] [1.5, 1.5]",
                            p + "grad[last] [1.5, 1.5]");
        }
        assertThat(line("[rank 0] own G")).isNotEqualTo(line("[rank 1] own G"));
        assertThat(line("[rank 1] broadcast G"))
                .isEqualTo(line("[rank 0] broadcast G"))
                .isEqualTo(line("[rank 0] own G"));
    }

    @Test
    void workersDoNotOutliveALauncherKilledOutright() throws Exception {
        Process launcher = new ProcessBuilder(Jvm.command(LauncherMain.class, "sleep"))
                .redirectErrorStream(true)
                .start();
        List<ProcessHandle> workers = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(launcher.getInputStream()))) {
            int ready = 0;
            for (String line; ready < 2 && (line = reader.readLine()) != null; ) {
                if (line.startsWith("worker ")) {
                    workers.add(
                            ProcessHandle.of(Long.parseLong(line.substring(7))).orElseThrow());
                }
                if (line.contains("] pid ")) {
                    ready++; // joined the group: past the point where a worker could still be starting
                }
            }
            launcher.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        }
        assertThat(workers).hasSize(2);
        for (ProcessHandle w : workers) {
            w.onExit().get(30, TimeUnit.SECONDS);
        }
        assertThat(workers).noneMatch(ProcessHandle::isAlive);
    }

    @Test
    void anUnreachableStoreIsOneClearErrorWithinTheTimeout() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // closed again: nobody listens there
        }
        var env = new DistributedEnv(1, 2, 1, "127.0.0.1", port, false, null);
        Torch.load();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Cluster.join(env, Duration.ofSeconds(1)))
                .isInstanceOf(DistributedException.class)
                .hasMessage("cannot reach the rendezvous store at 127.0.0.1:" + port
                        + " within 1 s (is rank 0 running, " + "and are MASTER_ADDR and MASTER_PORT right?)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void theEnvironmentIsReadTheTorchrunWay() {
        assertThat(DistributedEnv.from(Map.of())).isEmpty();
        assertThat(DistributedEnv.from(Map.of("WORLD_SIZE", "1", "RANK", "0"))).isEmpty();
        var env = DistributedEnv.from(Map.of(
                        "WORLD_SIZE",
                        "4",
                        "RANK",
                        "2",
                        "LOCAL_RANK",
                        "0",
                        "MASTER_ADDR",
                        "node0",
                        "MASTER_PORT",
                        "29500",
                        "TORCHELASTIC_USE_AGENT_STORE",
                        "True"))
                .orElseThrow();
        assertThat(env).isEqualTo(new DistributedEnv(2, 4, 0, "node0", 29500, true, null));
        assertThat(env.hostsStore()).isFalse();
        assertThat(new DistributedEnv(0, 2, 0, "h", 1, false, "").hostsStore()).isTrue();
        assertThatThrownBy(() -> DistributedEnv.from(
                        Map.of("WORLD_SIZE", "2", "RANK", "2", "MASTER_ADDR", "h", "MASTER_PORT", "1")))
                .hasMessage("RANK must be in 0..1 for WORLD_SIZE=2, got 2");
        assertThatThrownBy(() -> DistributedEnv.from(Map.of("WORLD_SIZE", "2", "RANK", "0", "MASTER_PORT", "1")))
                .hasMessage("environment variable MASTER_ADDR is not set (WORLD_SIZE is 2)");
        assertThatThrownBy(() -> DistributedEnv.from(Map.of("WORLD_SIZE", "two")))
                .hasMessage("environment variable WORLD_SIZE must be a whole number, got \"two\"");
    }

    private String line(String prefix) {
        return out.stream()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(prefix + " in " + out));
    }
}
