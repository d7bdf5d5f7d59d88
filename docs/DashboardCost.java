// What an open dashboard costs a training run: one run trains in this process with the dashboard
// served from it (as `dcgan train --dashboard` does) and headless Chromium showing the page; the
// browser is frozen (SIGSTOP: no requests, no rendering) and thawed (SIGCONT) in alternate windows
// of steps, so that the machine's changing load hits both conditions alike. Prints median step
// times with the page open and closed.
//   ./mvnw -q -DskipTests package && java -cp "dcgan4j-cli/target/lib/*" docs/DashboardCost.java [WINDOWS] [STEPS]
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.dashboard.DashboardServer;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.monitor.RunStatusFile;
import dcgan4j.run.RunDirectory;
import dcgan4j.torch.Torch;
import dcgan4j.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public class DashboardCost {
    public static void main(String[] args) throws Exception {
        int windows = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int perWindow = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int warmup = 5;
        Torch.useThreads(0);
        Path dir = Files.createTempDirectory("dashboard-cost");
        RunDirectory run = RunDirectory.create(dir.resolve("runs/cost"));
        int batch = 64;
        int steps = warmup + windows * perWindow;
        var config = TrainConfig.builder().epochs(1).batchSize(batch).sampleEvery(10).checkpointEvery(0).keepCheckpoints(1).build();
        try (var digits = SyntheticDigits.generate(steps * batch, 1);
                var server = DashboardServer.start(new DashboardServer.Settings(List.of(dir.resolve("runs")), "127.0.0.1", 0))) {
            Process browser = new ProcessBuilder("setsid", "/usr/bin/chromium", "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--user-data-dir=" + Files.createDirectory(dir.resolve("profile")), "--remote-debugging-port=0",
                    "--window-size=1400,1000", server.uri().toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("chromium.log").toFile()).start();
            long group = browser.pid();
            List<Double> open = new ArrayList<>();
            List<Double> closed = new ArrayList<>();
            TrainingListener timer = new TrainingListener() {
                long last = System.nanoTime();
                final RunStatusFile status = new RunStatusFile();

                @Override public void started(Plan plan) { status.started(plan); last = System.nanoTime(); }
                @Override public void warning(long step, String message) { status.warning(step, message); }
                @Override public void ended(long step, Ending how) { status.ended(step, how); }
                @Override
                public void stepDone(Progress p) {
                    status.stepDone(p);
                    long now = System.nanoTime();
                    long i = p.step() - warmup - 1;
                    boolean browsing = i >= 0 && (i / perWindow) % 2 == 0;
                    if (i >= 0) {
                        (browsing ? open : closed).add((now - last) / 1e6);
                    }
                    long next = p.step() - warmup;          // the window the next step falls in
                    if (next >= 0 && next % perWindow == 0) {
                        signal((next / perWindow) % 2 == 0 ? "-CONT" : "-STOP", group);
                    }
                    last = System.nanoTime();
                }
            };
            Thread.sleep(3000);                            // the page loads before training starts
            signal("-STOP", group);
            Trainer.builder().data(digits).config(config).run(run).listener(timer).build().train();
            long serverNanos = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("dashboard-http"))
                    .mapToLong(t -> java.lang.management.ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId())).sum();
            System.out.printf("page open %.0f s: browser CPU %.1f s (%.1f%% of one core), dashboard server CPU %.2f s in all%n",
                    openNanos / 1e9, browserTicks / 100.0, 100 * browserTicks / 100.0 / (openNanos / 1e9), serverNanos / 1e9);
            signal("-CONT", group);
            String port = Files.readAllLines(dir.resolve("profile/DevToolsActivePort")).get(0);
            try (var in = java.net.URI.create("http://127.0.0.1:" + port + "/json").toURL().openStream()) {
                String pages = new String(in.readAllBytes());
                System.out.println("browser showing the dashboard: " + pages.contains("\"url\": \"" + server.uri()));
            }
            browser.destroy();
            new ProcessBuilder("kill", "--", "-" + group).start().waitFor();
            System.out.printf("steps per condition: %d open, %d closed; windows of %d steps%n", open.size(), closed.size(),
                    perWindow);
            System.out.printf("median step, page open:   %.1f ms%n", median(open));
            System.out.printf("median step, page closed: %.1f ms%n", median(closed));
            System.out.printf("open / closed: %.4f%n", median(open) / median(closed));
        }
    }

    static long openedAt;
    static long openNanos;
    static long browserTicksAtOpen;
    static long browserTicks;

    /** CPU time of the browser's processes so far, in clock ticks (utime + stime of every process in its group). */
    static long ticks(long group) {
        long sum = 0;
        for (java.io.File proc : new java.io.File("/proc").listFiles((d, n) -> n.matches("\\d+"))) {
            try {
                String stat = Files.readString(proc.toPath().resolve("stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (Long.parseLong(f[2]) == group) {
                    sum += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            } catch (Exception gone) {
                // the process ended while we looked
            }
        }
        return sum;
    }

    static void signal(String sig, long group) {
        if (sig.equals("-CONT")) {
            openedAt = System.nanoTime();
            browserTicksAtOpen = ticks(group);
        } else if (openedAt != 0) {
            openNanos += System.nanoTime() - openedAt;
            browserTicks += ticks(group) - browserTicksAtOpen;
            openedAt = 0;
        }
        try {
            new ProcessBuilder("kill", sig, "--", "-" + group).start().waitFor();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
