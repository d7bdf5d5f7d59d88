package dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcgan4j.bench.Benchmark;
import dcgan4j.bench.DataParallelBenchmark;
import dcgan4j.dist.Cluster;
import dcgan4j.dist.DataParallel;
import dcgan4j.dist.DistributedEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dcgan bench}: speed figures as JSON on stdout. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Measure training and generation speed on random data; prints JSON (medians, in ms).",
            "Training is timed against a plain transcription of pytorch/examples' loop, in the same process.",
            "With --nproc N: data-parallel training instead, one process with all threads against N processes",
            "at the same global batch, and the share of a step spent averaging gradients."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan bench",
            "  dcgan bench --iterations 30 --threads 1 > bench.json",
            "  dcgan bench --data-root ../shared/data",
            "  dcgan bench --only augment --warmup 1 --iterations 5",
            "  dcgan bench --nproc 2",
            "",
            ExitCodes.HELP_SECTION
        })
final class BenchCommand extends TorchCommand {
    /** What {@code bench --nproc} prints. */
    record DataParallelReport(
            int processes,
            String openblasCoretype,
            int warmup,
            int iterations,
            List<DataParallelBenchmark.Case> cases) {}

    private static final ObjectMapper JSON =
            new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    @Option(
            names = "--warmup",
            defaultValue = "3",
            description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", defaultValue = "15", description = "timed iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(
            names = "--data-root",
            paramLabel = "DIR",
            description = "folder with mnist/, fashion-mnist/, cifar10/, celeba-10k-89x109/ for loader figures "
                    + "(those present are measured; the synthetic digits always are)")
    Path dataRoot;

    @Option(
            names = "--only",
            paramLabel = "SECTIONS",
            split = ",",
            description = "measure only these sections, a comma list of training, bf16, ema, augment, generate, "
                    + "checkpoint, events, kernels, loaders (default: all); ema, augment and loaders also time "
                    + "the training cases they are set against")
    List<Benchmark.Section> only;

    @Mixin
    DistributedOptions distributed;

    @Override
    public Integer call() throws Exception {
        Optional<DistributedEnv> job = distributed.job();
        if (job.isPresent()) {
            return worker(job.get());
        }
        if (distributed.launches()) {
            if (only != null) {
                throw new IllegalArgumentException(
                        "--only picks sections of the one-process benchmark, not of --nproc's");
            }
            return dataParallel();
        }
        Benchmark benchmark = new Benchmark(warmup, iterations);
        threads.apply();
        var report = only == null ? benchmark.run(dataRoot) : benchmark.run(dataRoot, java.util.EnumSet.copyOf(only));
        print(JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        return ExitCodes.OK;
    }

    /** The launcher: one process with all threads here, then the workers; one report of both. */
    private int dataParallel() throws Exception {
        var benchmark = new DataParallelBenchmark(warmup, iterations);
        threads.apply();
        List<DataParallelBenchmark.Case> cases = new ArrayList<>();
        for (var shape : DataParallelBenchmark.SHAPES) {
            cases.add(benchmark.single(shape));
        }
        int code = distributed.launch(spec, line -> {
            if (line.startsWith("{")) { // not Gloo's own "connected" line
                cases.add(read(line));
            }
        });
        if (code != 0) {
            return code;
        }
        print(JSON.writer()
                .with(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(new DataParallelReport(
                        distributed.nproc, System.getenv("OPENBLAS_CORETYPE"), warmup, iterations, cases)));
        return ExitCodes.OK;
    }

    /** A worker: the distributed cases; rank 0 prints each as one JSON line for the launcher. */
    private int worker(DistributedEnv env) throws Exception {
        var benchmark = new DataParallelBenchmark(warmup, iterations);
        threads.apply();
        try (Cluster cluster = distributed.join(env)) {
            var ranks = new DataParallel(cluster);
            for (var shape : DataParallelBenchmark.SHAPES) {
                var result = benchmark.distributed(shape, ranks);
                if (cluster.isLeader()) {
                    print(JSON.writeValueAsString(result));
                }
            }
        }
        return ExitCodes.OK;
    }

    private static DataParallelBenchmark.Case read(String line) {
        try {
            return JSON.readValue(line, DataParallelBenchmark.Case.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("rank 0 printed something other than a result: " + line, e);
        }
    }
}
