package dcgan4j.testing;

import java.util.ArrayList;
import java.util.List;

/** The command line of a fresh JVM running a main class of this test classpath. */
public final class Jvm {
    private Jvm() {}

    public static List<String> command(Class<?> main, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add(main.getName());
        command.addAll(List.of(args));
        return command;
    }
}
