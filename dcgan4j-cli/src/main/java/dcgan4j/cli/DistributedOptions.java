package dcgan4j.cli;

import dcgan4j.dist.Cluster;
import dcgan4j.dist.DistributedEnv;
import dcgan4j.dist.WorkerLauncher;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Data-parallel runs: {@code --nproc N} starts N copies of this very command on this machine (the
 * torchrun convention, {@link WorkerLauncher}); a copy started that way — or by torchrun or a
 * Kubernetes PyTorchJob, which set the same variables — joins the job instead.
 */
final class DistributedOptions {
    /** After one worker failed, the time the others get to fail by themselves and say why. */
    private static final Duration GRACE = Duration.ofSeconds(10);

    @MayChangeOnResume
    @Option(
            names = "--nproc",
            paramLabel = "N",
            description = "data-parallel processes on this machine, the cores split among them (default: 1; under "
                    + "torchrun or a PyTorchJob the job's environment says)")
    Integer nproc;

    @MayChangeOnResume
    @Option(
            names = "--dist-timeout",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description =
                    "how long a process waits for the others: to join, and in each exchange (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    /** The job this process belongs to (set by a launcher), if any. */
    Optional<DistributedEnv> job() {
        Optional<DistributedEnv> env = DistributedEnv.current();
        if (env.isPresent() && nproc != null) {
            throw new IllegalArgumentException("--nproc starts a job of its own; this process is already rank "
                    + env.get().rank() + " of " + env.get().worldSize() + " (leave --nproc out under torchrun)");
        }
        return env;
    }

    /** Whether this invocation is the launcher of a local job. */
    boolean launches() {
        if (nproc != null && nproc < 1) {
            throw new IllegalArgumentException("--nproc must be at least 1, got " + nproc);
        }
        return nproc != null && nproc > 1 && job().isEmpty();
    }

    /** Joins the job this process belongs to. */
    Cluster join(DistributedEnv env) {
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("--dist-timeout must be at least 1 second, got " + timeoutSeconds);
        }
        WorkerLauncher.exitWithLauncher();
        return Cluster.join(env, Duration.ofSeconds(timeoutSeconds));
    }

    /**
     * Runs this command line as {@code --nproc} workers and waits for them: the same JVM and options,
     * {@code --nproc} left out, and {@code --threads} set to this machine's cores split among them
     * unless it was given (it then counts per process).
     *
     * @param rank0 receives rank 0's standard output lines (without the rank prefix), or null to print them
     * @return 0, or the exit code of the first worker that failed
     */
    int launch(CommandSpec spec, Consumer<String> rank0) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        var parsed = spec.commandLine().getParseResult();
        command.addAll(withoutNproc(parsed.originalArgs()));
        if (!parsed.hasMatchedOption("--threads")) {
            command.addAll(List.of(
                    "--threads",
                    Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors() / nproc))));
        }
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        String prefix = "[rank 0] ";
        Consumer<String> stdout = rank0 == null
                ? out::println
                : line -> {
                    if (line.startsWith(prefix)) {
                        rank0.accept(line.substring(prefix.length()));
                    }
                };
        try (var launcher = WorkerLauncher.start(command, nproc, GRACE, stdout, err::println)) {
            return launcher.await();
        }
    }

    private static List<String> withoutNproc(List<String> args) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--nproc")) {
                i++;
            } else if (!a.startsWith("--nproc=")) {
                out.add(a);
            }
        }
        return out;
    }
}
