package dcgan4j.cli;

import dcgan4j.train.config.TrainConfig;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options {@code train --resume} takes: the settings of the library's schedule and the options
 * marked {@link MayChangeOnResume}. The check, the {@code --resume} help (through the system property
 * {@link #PROPERTY}) and the documentation's sentence all come from here.
 */
final class ResumableOptions {
    /** Read by {@code --resume}'s description as {@code ${sys:dcgan4j.resumable}}. */
    static final String PROPERTY = "dcgan4j.resumable";

    private ResumableOptions() {}

    /** The long names of {@code train}'s options a resumed run may be given, in alphabetical order (as its help). */
    static List<String> of(CommandSpec train) {
        Set<String> schedule =
                TrainConfig.SCHEDULE.stream().map(TrainConfig::key).collect(Collectors.toSet());
        return train.options().stream()
                .filter(o -> schedule.contains(o.longestName().substring(2)) || marked(o))
                .map(OptionSpec::longestName)
                .sorted()
                .toList();
    }

    /** Publishes {@link #of} for {@code train}'s help. */
    static void describe(CommandSpec train) {
        System.setProperty(PROPERTY, String.join(", ", of(train)));
    }

    private static boolean marked(OptionSpec option) {
        return option.userObject() instanceof Field f && f.isAnnotationPresent(MayChangeOnResume.class);
    }
}
