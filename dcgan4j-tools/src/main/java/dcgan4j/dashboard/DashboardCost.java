package dcgan4j.dashboard;

import dcgan4j.data.SyntheticDigits;
import dcgan4j.monitor.RunStatusFile;
import dcgan4j.run.RunDirectory;
import dcgan4j.torch.Torch;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What an open dashboard costs a training run, the measurement behind docs/PERFORMANCE.md's "The
 * dashboard": one run trains in this process with the dashboard served from it (as {@code dcgan train
 * --dashboard} does) and headless Chromium showing the page. The browser is frozen (SIGSTOP: no
 * requests, no rendering) and thawed (SIGCONT) in alternate windows of steps, so that the machine's
 * changing load hits both conditions alike. Prints the median step times with the page open and closed.
 * Needs {@code /usr/bin/chromium}, {@code setsid} and {@code kill}.
 * <pre>
 *   ./mvnw -q -B -DskipTests package
 *   java -cp "dcgan4j-cli/target/lib/*" dcgan4j.dashboard.DashboardCost [WINDOWS] [STEPS_PER_WINDOW]
 * </pre>
 */
public final class DashboardCost {
    private static final int WARMUP = 5;
    private static final int BATCH = 64;

    private DashboardCost() {}

    public static void main(String[] args) throws Exception {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int perWindow = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Torch.useThreads(0);
        Path dir = Files.createTempDirectory("dashboard-cost");
        RunDirectory run = RunDirectory.create(dir.resolve("runs/cost"));
        int steps = WARMUP + windows * perWindow;
        var config = TrainConfig.builder()
                .epochs(1)
                .batchSize(BATCH)
                .sampleEvery(10)
                .checkpointEvery(0)
                .keepCheckpoints(1)
                .build();
        try (var digits = SyntheticDigits.generate(steps * BATCH, 1);
                var server = DashboardServer.start(
                        new DashboardServer.Settings(List.of(dir.resolve("runs")), "127.0.0.1", 0))) {
            Path profile = Files.createDirectory(dir.resolve("profile"));
            Browser browser = new Browser(server.uri(), profile, dir.resolve("chromium.log"));
            List<Double> open = new ArrayList<>();
            List<Double> closed = new ArrayList<>();
            TrainingListener timer = new TrainingListener() {
                private long last;

                @Override
                public void started(Plan plan) {
                    last = System.nanoTime();
                }

                @Override
                public void stepDone(Progress p) {
                    long i = p.step() - WARMUP - 1;
                    if (i >= 0) {
                        (i / perWindow % 2 == 0 ? open : closed).add((System.nanoTime() - last) / 1e6);
                    }
                    long next = p.step() - WARMUP; // the window the next step falls in
                    if (next >= 0 && next % perWindow == 0) {
                        if (next / perWindow % 2 == 0) {
                            browser.thaw();
                        } else {
                            browser.freeze();
                        }
                    }
                    last = System.nanoTime();
                }
            };
            Thread.sleep(3000); // the page loads before training starts
            browser.freeze();
            Trainer.builder()
                    .data(digits)
                    .config(config)
                    .run(run)
                    .listener(new RunStatusFile())
                    .listener(timer)
                    .build()
                    .train();
            System.out.printf(
                    "page open %.0f s: browser CPU %.1f s (%.1f%% of one core), dashboard server CPU %.2f s in all%n",
                    browser.thawedNanos / 1e9,
                    browser.thawedTicks / 100.0,
                    browser.thawedTicks / (browser.thawedNanos / 1e9),
                    serverCpuNanos() / 1e9);
            browser.thaw();
            System.out.println("browser showing the dashboard: " + browser.shows(server.uri()));
            browser.close();
            System.out.printf(
                    "steps per condition: %d open, %d closed; windows of %d steps%n",
                    open.size(), closed.size(), perWindow);
            System.out.printf("median step, page open:   %.1f ms%n", median(open));
            System.out.printf("median step, page closed: %.1f ms%n", median(closed));
            System.out.printf("open / closed: %.4f%n", median(open) / median(closed));
        }
    }

    /** The CPU time of the server's two threads: what serving the page took from this process. */
    private static long serverCpuNanos() {
        var threads = ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("dashboard-http"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId()))
                .sum();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /**
     * Headless Chromium in a process group of its own (setsid), so that one signal freezes or thaws all
     * its processes; counts the wall time and the CPU ticks of the group while thawed.
     */
    private static final class Browser implements AutoCloseable {
        private final Process process;
        private final long group;
        private final Path profile;
        private long thawedAt;
        private long ticksAtThaw;
        long thawedNanos;
        long thawedTicks;

        Browser(URI page, Path profile, Path log) throws IOException {
            this.profile = profile;
            // no internet needed: without the background-networking flags Chromium stalls on refused connections
            process = new ProcessBuilder(
                            "setsid",
                            "/usr/bin/chromium",
                            "--headless",
                            "--no-sandbox",
                            "--disable-gpu",
                            "--no-first-run",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync",
                            "--user-data-dir=" + profile,
                            "--remote-debugging-port=0",
                            "--window-size=1400,1000",
                            page.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            group = process.pid();
        }

        void thaw() {
            thawedAt = System.nanoTime();
            ticksAtThaw = ticks();
            signal("-CONT");
        }

        void freeze() {
            if (thawedAt != 0) {
                thawedNanos += System.nanoTime() - thawedAt;
                thawedTicks += ticks() - ticksAtThaw;
                thawedAt = 0;
            }
            signal("-STOP");
        }

        /** Whether the browser has {@code page} open, asked through its DevTools endpoint. */
        boolean shows(URI page) throws IOException {
            String port =
                    Files.readAllLines(profile.resolve("DevToolsActivePort")).get(0);
            try (var in =
                    URI.create("http://127.0.0.1:" + port + "/json").toURL().openStream()) {
                return new String(in.readAllBytes()).contains("\"url\": \"" + page);
            }
        }

        /** CPU time of the group so far, in clock ticks (utime + stime of each of its processes). */
        private long ticks() {
            long sum = 0;
            for (File proc : new File("/proc").listFiles((d, n) -> n.matches("\\d+"))) {
                try {
                    String stat = Files.readString(proc.toPath().resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (Long.parseLong(f[2]) == group) {
                        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
            return sum;
        }

        private void signal(String signal) {
            try {
                new ProcessBuilder("kill", signal, "--", "-" + group).start().waitFor();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            process.destroy();
            signal("-TERM");
        }
    }
}
