package dcgan4j.dist;

import dcgan4j.testing.Jvm;
import java.time.Duration;
import java.util.List;

/** A launcher in a JVM of its own (so a test can kill it): starts 2 {@link WorkerMain}s, prints their pids. */
public final class LauncherMain {
    private LauncherMain() {}

    public static void main(String[] args) throws Exception {
        List<String> worker = Jvm.command(WorkerMain.class, args);
        try (WorkerLauncher launcher =
                WorkerLauncher.start(worker, 2, Duration.ofSeconds(5), System.out::println, System.err::println)) {
            launcher.workers().forEach(w -> System.out.println("worker " + w.pid()));
            System.exit(launcher.await());
        }
    }
}
