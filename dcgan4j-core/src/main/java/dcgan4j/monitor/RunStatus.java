package dcgan4j.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import dcgan4j.augment.AdaStatus;
import dcgan4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A run's {@code status.json}: what a viewer needs to know about a run without reading its metrics —
 * whether it is still going, how far it is, how fast, and what went wrong. Written whole and
 * atomically, so a reader never sees half a file. Times are ISO-8601 instants, as strings, so that
 * any tool reads them.
 *
 * @param etaSeconds  remaining time at the recent pace; null when not running
 * @param updatedAt   when the file was written: a "running" file that stops being updated belongs to a killed process
 * @param ada         ADA's p and r_t after the latest step; absent from the file of a run without ADA
 */
public record RunStatus(
        State state,
        long step,
        long totalSteps,
        int epoch,
        int epochs,
        double imagesPerSecond,
        Double etaSeconds,
        String startedAt,
        String updatedAt,
        List<Warning> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) AdaStatus ada) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // newer writers may add fields
            .enable(SerializationFeature.INDENT_OUTPUT);

    public RunStatus {
        warnings = List.copyOf(warnings);
    }

    /** Where a run is; written in lower case. */
    public enum State {
        RUNNING,
        FINISHED,
        STOPPED,
        DIVERGED,
        FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A failure-watch warning and the step it started at. */
    public record Warning(long step, String message) {}

    public static RunStatus read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunStatus.class);
    }

    public void write(Path file) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(this);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
