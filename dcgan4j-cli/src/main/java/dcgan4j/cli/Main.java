package dcgan4j.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The {@code dcgan} command: one subcommand per job. */
@Command(
        name = "dcgan",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Deep convolutional GANs (Radford, Metz & Chintala 2016) on libtorch, for the JVM.",
        subcommands = {
            TrainCommand.class,
            GenerateCommand.class,
            WalkCommand.class,
            ArithmeticCommand.class,
            InspectCommand.class,
            NearestCommand.class,
            EvaluateCommand.class,
            ProbeCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            DashboardCommand.class,
            DoctorCommand.class,
            HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  dcgan train                          digits, about 12 minutes on 2 cores",
            "  dcgan generate runs/20261122-130405 --count 64 --out samples.png",
            "  dcgan evaluate runs/20261122-130405",
            "  dcgan train --resume runs/20261122-130405 --epochs 10",
            "  dcgan walk runs/20261122-130405 seed:1 seed:2 seed:3",
            "  dcgan nearest runs/20261122-130405",
            "  dcgan probe runs/20261122-130405 --labels-per-class 10,100   D's features, classified with few labels",
            "  dcgan import netG_epoch_24.pth netD_epoch_24.pth --out runs/from-pytorch",
            "  dcgan export runs/20261122-130405 --out generator.onnx   for ONNX Runtime",
            "  dcgan bench",
            "  dcgan doctor                         this machine's arithmetic checked, for bug reports",
            "  dcgan dashboard                      follow the runs under runs/ at http://127.0.0.1:6006/",
            "",
            ExitCodes.HELP_SECTION
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Names the registered commands, so that a new one is listed by adding it to the annotation alone. */
    @Override
    public void run() {
        List<String> commands = spec.subcommands().keySet().stream()
                .filter(name -> !name.equals("help"))
                .toList();
        String last = commands.get(commands.size() - 1);
        throw new CommandLine.ParameterException(
                spec.commandLine(),
                "missing command: " + String.join(", ", commands.subList(0, commands.size() - 1)) + " or " + last);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        ErrorReporter errors = new ErrorReporter();
        CommandLine commandLine = new CommandLine(new Main());
        ResumableOptions.describe(commandLine.getSubcommands().get("train").getCommandSpec());
        return commandLine
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler(errors)
                .setExecutionExceptionHandler(errors)
                .execute(args);
    }
}
