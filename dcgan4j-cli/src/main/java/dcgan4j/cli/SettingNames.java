package dcgan4j.cli;

import dcgan4j.train.config.TrainConfig;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The library names a setting the way its builders do ({@code setting 'lrD'}); a command-line user
 * needs the flag that sets it ({@code --lr-d}). Flags are the builder names in kebab case, but for
 * the few settings whose flag is shorter.
 */
final class SettingNames {
    private static final Pattern SETTING = Pattern.compile("setting '([A-Za-z0-9]+)'");
    private static final Map<String, String> SHORTER = Map.of("runDirectory", "--out", "classLabel", "--class");

    private SettingNames() {}

    /** {@code message} with every library setting name replaced by its flag. */
    static String toFlags(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = SETTING.matcher(message);
        return m.replaceAll(r -> Matcher.quoteReplacement(flag(r.group(1))));
    }

    /** {@code lrD} → {@code --lr-d}. */
    static String flag(String setting) {
        return SHORTER.getOrDefault(setting, "--" + TrainConfig.key(setting));
    }
}
