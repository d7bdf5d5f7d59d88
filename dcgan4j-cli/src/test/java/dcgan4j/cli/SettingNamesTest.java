package dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.data.DataRequest;
import dcgan4j.model.ModelConfig;
import dcgan4j.train.config.TrainConfig;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Flag, config-file key and builder method are one name with one default. */
class SettingNamesTest {
    private static final CommandSpec TRAIN =
            new CommandLine(new Main()).getSubcommands().get("train").getCommandSpec();
    /** Builder settings whose flag says it another way, and why. */
    private static final Set<String> SAID_OTHERWISE = Set.of(
            "classes", // --conditional: the count comes from the data's labels
            "variant", // all of the variant at once, for weights that carry one
            "folderCache"); // --no-decode-cache

    @Test
    void everyBuilderSettingIsATrainOptionOfTheSameName() {
        Set<String> flags =
                TRAIN.options().stream().map(OptionSpec::longestName).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (Class<?> builder :
                new Class<?>[] {TrainConfig.Builder.class, ModelConfig.Builder.class, DataRequest.Builder.class}) {
            for (String setting : settings(builder)) {
                if (!SAID_OTHERWISE.contains(setting) && !flags.contains(SettingNames.flag(setting))) {
                    missing.add(builder.getEnclosingClass().getSimpleName() + "." + setting);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(flags).contains("--data-dir", "--conditional", "--no-decode-cache");
    }

    @Test
    void theFlagsDefaultsAreTheBuildersDefaults() throws Exception {
        TrainConfig.Builder builder = TrainConfig.builder();
        int compared = 0;
        for (String setting : settings(TrainConfig.Builder.class)) {
            OptionSpec option = TRAIN.findOption(SettingNames.flag(setting));
            Object initial = option == null ? null : option.initialValue();
            if (initial != null) {
                Method set = Arrays.stream(TrainConfig.Builder.class.getMethods())
                        .filter(m -> m.getName().equals(setting))
                        .findFirst()
                        .orElseThrow();
                set.invoke(builder, initial);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(15);
        assertThat(builder.build()).isEqualTo(TrainConfig.DEFAULTS);
    }

    @Test
    void libraryMessagesGetTheirFlags() {
        assertThat(SettingNames.toFlags("the folder dataset needs a data directory (setting 'dataDir')"))
                .isEqualTo("the folder dataset needs a data directory (--data-dir)");
        assertThat(SettingNames.toFlags("try a lower discriminator learning rate, setting 'lrD'"))
                .isEqualTo("try a lower discriminator learning rate, --lr-d");
        assertThat(SettingNames.toFlags(
                        "x already holds a training run; choose another run directory (setting 'runDirectory')"))
                .endsWith("(--out)");
        assertThat(MainTest.dcgan("train", "--dataset", "folder").err().strip())
                .isEqualTo("dcgan train: the folder dataset needs a data directory (--data-dir)");
    }

    private static Set<String> settings(Class<?> builder) {
        return Arrays.stream(builder.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())
                        && m.getReturnType() == builder
                        && m.getParameterCount() == 1)
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
