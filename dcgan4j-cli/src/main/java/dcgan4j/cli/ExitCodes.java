package dcgan4j.cli;

/** The exit codes of {@code dcgan}, documented in every command's help. */
public final class ExitCodes {
    /** Finished as asked. */
    public static final int OK = 0;
    /** An unexpected failure (a bug, or the machine ran out of something). */
    public static final int FAILURE = 1;
    /**
     * Bad command line, bad value or missing/unreadable input: fix the input and run again. Also a
     * network layer that no kernel computes right on this machine ({@code dcgan doctor} shows which).
     */
    public static final int USAGE = 2;
    /** Training diverged (a loss became NaN or infinite). */
    public static final int DIVERGED = 3;
    /** Stopped by Ctrl-C (SIGINT) after writing a checkpoint; {@code --resume} continues it. */
    public static final int INTERRUPTED = 130;

    static final String HELP_SECTION =
            "Exit codes:%n  0  success%n  1  unexpected failure%n  2  bad option, value or input file (or a layer this CPU computes wrong: dcgan doctor)%n  3  training diverged%n"
                    + "  130  stopped by Ctrl-C (a checkpoint was written first)%n";

    private ExitCodes() {}
}
