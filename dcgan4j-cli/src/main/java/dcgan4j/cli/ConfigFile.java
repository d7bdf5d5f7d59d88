package dcgan4j.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * A command's options as YAML: every key is an option's long name without the dashes
 * ({@code batch-size: 64} is {@code --batch-size 64}), so the file and the command line can never
 * drift apart. Values in the file fill the options the command line did not set.
 */
final class ConfigFile {
    private static final YAMLMapper YAML =
            YAMLMapper.builder().enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
    /** Options that are about this invocation, not about the run. */
    private static final Set<String> NEVER =
            Set.of("help", "version", "config", "resume", "dashboard", "dashboard-host", "averaged");
    /** Options that may be read from a file but are not part of the run's record (they name this machine). */
    private static final Set<String> NOT_RECORDED = Set.of("threads", "out", "nproc", "dist-timeout");
    /** Recorded, but where a run trained says nothing about where another command should run. */
    private static final Set<String> THIS_RUN_ONLY = Set.of("device");

    private ConfigFile() {}

    /** The command's current option values as YAML, with a comment line on top. */
    static String write(CommandSpec spec, String comment) throws IOException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = key(option);
            if (NEVER.contains(key) || NOT_RECORDED.contains(key)) {
                continue;
            }
            Object value = option.getValue();
            if (value instanceof Enum<?> constant) {
                value = constant.name().toLowerCase(Locale.ROOT);
            } else if (value instanceof Path path) {
                value = path.toString();
            }
            values.put(key, value);
        }
        return "# " + comment + "\n" + YAML.writeValueAsString(values).replaceFirst("^---\\n", "");
    }

    /**
     * Sets every option the command line left alone from the YAML text.
     *
     * @throws IllegalArgumentException naming the source and key of an unknown key or a wrong type
     */
    static void apply(String yaml, String source, CommandSpec spec, ParseResult parsed) {
        apply(yaml, source, spec, parsed, true);
    }

    /**
     * The same for a run's own record (a checkpoint's configuration), where a setting the record
     * predates takes the value that run trained with ({@link TrainConfig#ADDED_LATER}), not today's default.
     */
    static void applyRunRecord(String yaml, String source, CommandSpec spec, ParseResult parsed) {
        JsonNode root = apply(yaml, source, spec, parsed, true);
        TrainConfig.ADDED_LATER.forEach((setting, value) -> {
            String key = TrainConfig.key(setting);
            OptionSpec option = spec.findOption("--" + key);
            if ((root == null || !root.has(key)) && !parsed.hasMatchedOption(option)) {
                option.setValue(value);
            }
        });
    }

    /**
     * The same for a command that takes only some of a run's settings (e.g. {@code evaluate} takes the
     * data options of {@code train}'s config.yaml): keys it has no option for are passed over, and so
     * is the device the run trained on.
     */
    static void applyKnown(String yaml, String source, CommandSpec spec, ParseResult parsed) {
        apply(yaml, source, spec, parsed, false);
    }

    /**
     * {@link #applyKnown} with the {@code config.yaml} of a run directory, when it has one: a command
     * that reads a run (evaluate, probe) takes the run's own data and seed unless its options say otherwise.
     */
    static void applyRunConfig(Path runDir, CommandSpec spec) throws IOException {
        Path config = runDir.resolve("config.yaml");
        if (Files.isRegularFile(config)) {
            applyKnown(
                    Files.readString(config),
                    config.toString(),
                    spec,
                    spec.commandLine().getParseResult());
        }
    }

    /** @return the YAML's key-value lines, or null for an empty text (which sets nothing) */
    private static JsonNode apply(String yaml, String source, CommandSpec spec, ParseResult parsed, boolean strict) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return null;
        }
        if (!(root instanceof ObjectNode)) {
            throw new IllegalArgumentException(source + " must be a list of 'key: value' lines");
        }
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String key = entry.getKey();
            OptionSpec option = NEVER.contains(key) ? null : spec.findOption("--" + key);
            if (!strict && (option == null || THIS_RUN_ONLY.contains(key))) {
                continue;
            }
            if (option == null) {
                throw new IllegalArgumentException(source + ": unknown key '" + key + "'");
            }
            if (!parsed.hasMatchedOption(option) && !entry.getValue().isNull()) {
                option.setValue(convert(entry.getValue(), option.type(), source, key));
            }
        }
        return root;
    }

    private static Object convert(JsonNode node, Class<?> type, String source, String key) {
        if (type == int.class || type == Integer.class) {
            require(node.isInt(), source, key, "a whole number", node);
            return node.intValue();
        }
        if (type == long.class || type == Long.class) {
            require(node.isIntegralNumber() && node.canConvertToLong(), source, key, "a whole number", node);
            return node.longValue();
        }
        if (type == double.class || type == Double.class) {
            require(node.isNumber(), source, key, "a number", node);
            return node.doubleValue();
        }
        if (type == boolean.class || type == Boolean.class) {
            require(node.isBoolean(), source, key, "true or false", node);
            return node.booleanValue();
        }
        require(node.isValueNode(), source, key, "a single value", node);
        String text = node.asText();
        if (type == Path.class) {
            return Path.of(text);
        }
        if (type.isEnum()) {
            for (Object constant : type.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            require(
                    false,
                    source,
                    key,
                    "one of "
                            + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT),
                    node);
        }
        return text;
    }

    private static void require(boolean ok, String source, String key, String what, JsonNode node) {
        if (!ok) {
            throw new IllegalArgumentException(source + ": key '" + key + "' must be " + what + ", got " + node);
        }
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--?", "");
    }
}
