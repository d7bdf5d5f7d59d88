package dcgan4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that runs libtorch has: {@code --threads}, its own picocli spec, and results
 * printed on standard output (logs and errors go to standard error).
 */
abstract class TorchCommand implements Callable<Integer> {
    @Mixin
    ThreadsOption threads;

    @Spec
    CommandSpec spec;

    /** One line of result: a written file, a table, the JSON of a measurement. */
    void print(Object line) {
        spec.commandLine().getOut().println(line);
    }
}
