package dcgan4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.augment.Augmentation;
import dcgan4j.torch.Precision;
import dcgan4j.train.config.OptimizerChoice;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The places a training setting lives, and that nothing else needs it by hand: the record component
 * and its builder field (the library), its option (the command line). From those come the YAML
 * record, the command line's {@code TrainConfig}, what {@code --resume} accepts, its help and error,
 * and the documentation's sentence; this test fails when any of them disagree.
 */
class SettingHomesTest {
    /** Every setting away from its default (but the device, which this machine has one of). */
    private static final TrainConfig CHANGED = TrainConfig.builder()
            .epochs(7)
            .batchSize(16)
            .lrG(1e-3)
            .lrD(3e-4)
            .beta1(0.6)
            .beta2(0.99)
            .seed(9)
            .sampleEvery(11)
            .sampleCount(16)
            .dropLast(true)
            .checkpointEvery(13)
            .keepCheckpoints(2)
            .evalEvery(50)
            .optimizerG(OptimizerChoice.Kind.RMSPROP)
            .optimizerD(OptimizerChoice.Kind.RMSPROP)
            .clipG(0.1)
            .clipD(0.2)
            .decayG(0.01)
            .decayD(0.02)
            .realLabel(0.9)
            .flipLabels(0.05)
            .dSteps(2)
            .instanceNoise(0.1)
            .instanceNoiseSteps(100)
            .precision(Precision.BF16)
            .ema(0.5)
            .augment(Augmentation.Kind.ADA)
            .augmentPolicy("translation,cutout")
            .adaTarget(0.7)
            .adaInterval(2)
            .adaSpeed(5000)
            .build();

    @Test
    void everySettingGoesFromItsOptionIntoTheLibrarysConfigAndBack() throws IOException {
        Map<String, Object> changed = CHANGED.settings();
        Map<String, Object> defaults = TrainConfig.DEFAULTS.settings();
        List<String> args = new ArrayList<>();
        changed.forEach((setting, value) -> {
            if (!setting.equals("device")) {
                assertThat(value)
                        .as("the fixture changes setting %s (a new setting: add it here)", setting)
                        .isNotEqualTo(defaults.get(setting));
            }
            String flag = "--" + TrainConfig.key(setting);
            if (value instanceof Boolean) {
                args.add(flag);
            } else {
                args.addAll(List.of(flag, String.valueOf(value)));
            }
        });
        assertThat(trainConfig(args.toArray(String[]::new))).isEqualTo(CHANGED);
        assertThat(trainConfig()).isEqualTo(TrainConfig.DEFAULTS);
        assertThat(TrainConfig.fromRecord(CHANGED.toYaml())).isEqualTo(CHANGED);
    }

    @Test
    void whatAResumedRunMayChangeIsDerivedFromTheScheduleAndTheInvocationsOptions() throws IOException {
        var train = new CommandLine(new Main()).getSubcommands().get("train").getCommandSpec();
        List<String> resumable = ResumableOptions.of(train);
        TrainConfig.SCHEDULE.forEach(s -> assertThat(resumable).contains("--" + TrainConfig.key(s)));
        assertThat(resumable)
                .contains("--resume", "--threads", "--data-dir")
                .doesNotContain("--lr-d", "--seed", "--ema");

        String sentence = Files.readAllLines(Path.of("..", "docs", "cli.md")).stream()
                .filter(l -> l.startsWith("A resumed run may change only:"))
                .findFirst()
                .orElseThrow();
        List<String> documented = new ArrayList<>();
        Matcher m = Pattern.compile("`(--[a-z0-9-]+)`").matcher(sentence);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertThat(documented)
                .as(
                        "docs/cli.md should say: A resumed run may change only: %s.",
                        String.join(
                                ", ", resumable.stream().map(f -> "`" + f + "`").toList()))
                .isEqualTo(resumable);

        String list = String.join(", ", resumable);
        assertThat(MainTest.dcgan("train", "--help").out().replaceAll("\\s+", " "))
                .contains(list);
        assertThat(MainTest.dcgan("train", "--resume", "runs/none", "--lr-d", "1e-4")
                        .err())
                .contains("--lr-d cannot change (allowed: " + list + ")");
    }

    private static TrainConfig trainConfig(String... args) throws IOException {
        var command = new CommandLine(new TrainCommand()).setCaseInsensitiveEnumValuesAllowed(true);
        command.parseArgs(args);
        TrainCommand train = command.getCommand();
        train.options.resolveData();
        train.device.resolve();
        return train.options.trainConfig(command.getCommandSpec());
    }
}
