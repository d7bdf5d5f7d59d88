package dcgan4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcgan4j.bench.Benchmark;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code dcgan bench}: speed figures as JSON on stdout. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Measure training and generation speed on random data; prints JSON (medians, in ms).",
                "Training is timed against a plain transcription of pytorch/examples' loop, in the same process."},
        footer = {"", "Examples:", "  dcgan bench", "  dcgan bench --iterations 30 --threads 1 > bench.json", "  dcgan bench --data-root ../shared/data", "",
                ExitCodes.HELP_SECTION})
final class BenchCommand extends TorchCommand {
    @Option(names = "--warmup", defaultValue = "3", description = "untimed iterations first (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", defaultValue = "15", description = "timed iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--data-root", paramLabel = "DIR",
            description = "folder with mnist/, fashion-mnist/, cifar10/, celeba-10k-89x109/ for loader figures "
                    + "(those present are measured; the synthetic digits always are)")
    Path dataRoot;

    @Override
    public Integer call() throws Exception {
        Benchmark benchmark = new Benchmark(warmup, iterations);
        threads.apply();
        ObjectMapper json = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(SerializationFeature.INDENT_OUTPUT);
        print(json.writeValueAsString(benchmark.run(dataRoot)));
        return ExitCodes.OK;
    }
}
