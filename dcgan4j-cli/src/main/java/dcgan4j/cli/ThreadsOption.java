package dcgan4j.cli;

import dcgan4j.torch.Torch;
import picocli.CommandLine.Option;

/** {@code --threads}: shared by every command that runs libtorch. */
final class ThreadsOption {
    @MayChangeOnResume
    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "0",
            description = "libtorch threads; 0 = one per core (default: ${DEFAULT-VALUE})")
    int threads;

    /** Applies the setting; returns the thread count in force. */
    int apply() {
        return Torch.useThreads(threads);
    }
}
