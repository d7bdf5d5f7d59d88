package dcgan4j.cli;

import dcgan4j.conv.KernelFaultException;
import dcgan4j.dist.DistributedException;
import dcgan4j.train.TrainingDivergedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and an exit code: users see what to fix, never a
 * stack trace (that goes to the debug log, {@code -Dorg.slf4j.simpleLogger.defaultLogLevel=debug}).
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr()
                .println("dcgan: " + e.getMessage() + " (see '"
                        + cmd.getCommandSpec().qualifiedName() + " --help')");
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, ParseResult parsed) {
        LOG.debug("command failed", e);
        Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
        String name = cmd.getCommandSpec().qualifiedName();
        if (cause instanceof TrainingDivergedException) {
            cmd.getErr().println(name + ": " + cause.getMessage());
            return ExitCodes.DIVERGED;
        }
        if (cause instanceof DistributedException) { // the job, not this input: one line, no stack
            cmd.getErr().println(name + ": " + firstLine(cause.getMessage()));
            return ExitCodes.FAILURE;
        }
        if (cause instanceof KernelFaultException) { // this machine computes a layer wrong: nothing ran
            cmd.getErr().println(name + ": " + cause.getMessage());
            return ExitCodes.USAGE;
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IOException) {
            cmd.getErr().println(name + ": " + SettingNames.toFlags(firstLine(describe(cause))));
            return ExitCodes.USAGE;
        }
        cmd.getErr().println(name + ": unexpected failure: " + firstLine(cause.toString()));
        return ExitCodes.FAILURE;
    }

    /** libtorch's messages carry a native stack trace after the first line. */
    private static String firstLine(String message) {
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    private static String describe(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "not found: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        return e.getMessage();
    }
}
