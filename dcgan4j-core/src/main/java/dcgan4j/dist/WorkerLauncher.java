package dcgan4j.dist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code torchrun --standalone} for one machine: starts N copies of a command as ranks 0 … N-1 of one
 * job (the torchrun environment, a free loopback port), prefixes their output lines with the rank,
 * and when any of them fails stops the others, so that no half of a job waits forever for the other.
 * The others usually fail by themselves within a second (their next exchange finds the peer gone)
 * and say so; they get a grace period for that before they are stopped.
 *
 * <p>No worker outlives the launcher: the launcher's shutdown hook (Ctrl-C, SIGTERM) stops them —
 * gently first, so that a training run can write its checkpoint — and a worker whose launcher is
 * killed outright notices through {@link #exitWithLauncher()}.
 */
public final class WorkerLauncher implements AutoCloseable {
    /** Tells a worker which process launched it, so it can exit when that process is gone. */
    public static final String LAUNCHER_PID = "DCGAN4J_LAUNCHER_PID";

    private static final Logger LOG = LoggerFactory.getLogger(WorkerLauncher.class);
    /** How long a stopped worker may take to write its checkpoint before it is killed. */
    private static final long STOP_SECONDS = 30;

    private final Duration grace;
    private final List<Process> workers = new ArrayList<>();
    /** Every worker's end, recorded; then {@link #firstFailure} knows the first that failed. */
    private final List<CompletableFuture<Void>> ends = new ArrayList<>();

    private final CompletableFuture<Process> firstFailure = new CompletableFuture<>();
    private final List<Thread> pumps = new ArrayList<>();
    private final Thread hook = new Thread(this::stopAll, "stop-workers");

    private WorkerLauncher(Duration grace) {
        this.grace = grace;
    }

    /**
     * Starts {@code processes} copies of {@code command}; each line they print goes to {@code out}
     * (standard output) or {@code err} (standard error) as {@code "[rank R] line"}.
     *
     * @param grace how long the other workers may take to end by themselves after one failed
     */
    public static WorkerLauncher start(
            List<String> command, int processes, Duration grace, Consumer<String> out, Consumer<String> err)
            throws IOException {
        if (processes < 2) {
            throw new IllegalArgumentException("a launch needs at least 2 processes, got " + processes);
        }
        WorkerLauncher launcher = new WorkerLauncher(grace);
        Runtime.getRuntime().addShutdownHook(launcher.hook);
        int port = freePort();
        for (int rank = 0; rank < processes; rank++) {
            ProcessBuilder builder = new ProcessBuilder(command);
            Map<String, String> env = builder.environment();
            env.remove(DistributedEnv.AGENT_STORE);
            env.put(DistributedEnv.RANK, Integer.toString(rank));
            env.put(DistributedEnv.LOCAL_RANK, Integer.toString(rank));
            env.put(DistributedEnv.WORLD_SIZE, Integer.toString(processes));
            env.put("LOCAL_WORLD_SIZE", Integer.toString(processes));
            env.put(DistributedEnv.MASTER_ADDR, "127.0.0.1");
            env.put(DistributedEnv.MASTER_PORT, Integer.toString(port));
            env.put(LAUNCHER_PID, Long.toString(ProcessHandle.current().pid()));
            try {
                Process worker = builder.start();
                launcher.workers.add(worker);
                launcher.ends.add(worker.onExit()
                        .thenAccept(
                                p -> { // the reaper sees exits in their order
                                    if (p.exitValue() != 0) {
                                        launcher.firstFailure.complete(p);
                                    }
                                }));
                launcher.pump(worker.getInputStream(), rank, out);
                launcher.pump(worker.getErrorStream(), rank, err);
            } catch (IOException e) {
                launcher.close();
                throw e;
            }
        }
        return launcher;
    }

    /** The workers, by rank. */
    public List<ProcessHandle> workers() {
        return workers.stream().map(Process::toHandle).toList();
    }

    /**
     * Waits until every worker has ended, stopping the rest as soon as one fails.
     *
     * @return 0 when all succeeded, else the exit code of the first that failed
     */
    public int await() throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new));
        CompletableFuture.anyOf(all, firstFailure).join();
        if (firstFailure.isDone() && !all.isDone()) {
            Process failed = firstFailure.join();
            LOG.warn(
                    "rank {} exited with code {}{}; stopping the job",
                    workers.indexOf(failed),
                    failed.exitValue(),
                    failed.exitValue() > 128 ? " (signal " + (failed.exitValue() - 128) + ")" : "");
            try {
                all.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException stillRunning) {
                stopAll();
            }
        }
        all.join();
        for (Thread pump : pumps) {
            pump.join();
        }
        return firstFailure.isDone() ? firstFailure.join().exitValue() : 0;
    }

    /** Stops every worker still running: SIGTERM, then SIGKILL after a grace period. */
    private void stopAll() {
        workers.forEach(Process::destroy);
        for (Process p : workers) {
            try {
                if (!p.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    /**
     * In a worker: ends this JVM (exit code 1) as soon as the launcher that started it is gone, even
     * if it was killed with SIGKILL and could not stop its workers itself. Does nothing in a process
     * that was not started by a {@code WorkerLauncher}.
     */
    public static void exitWithLauncher() {
        String pid = System.getenv(LAUNCHER_PID);
        ProcessHandle.current()
                .parent()
                .filter(parent -> Long.toString(parent.pid()).equals(pid))
                .ifPresent(parent -> parent.onExit().thenRun(() -> {
                    System.err.println("the launcher (process " + pid + ") is gone; stopping");
                    Runtime.getRuntime().halt(1);
                }));
    }

    private void pump(InputStream stream, int rank, Consumer<String> sink) {
        Thread t = new Thread(
                () -> {
                    try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        for (String line; (line = reader.readLine()) != null; ) {
                            sink.accept("[rank " + rank + "] " + line);
                        }
                    } catch (IOException e) {
                        // the worker is gone: nothing more to copy
                    }
                },
                "rank-" + rank + "-output");
        t.setDaemon(true);
        t.start();
        pumps.add(t);
    }

    /** A port that was free on loopback a moment ago, as torchrun's standalone mode picks one. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
