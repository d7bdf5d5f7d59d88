package dcgan4j.monitor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Lists what TensorFlow's own classes find in a run's event files — each tag with its kind, how many
 * records and the steps they span — to check a real run by hand:
 * {@code java -cp <core test classpath> dcgan4j.monitor.EventFileTags RUN_DIR}.
 */
final class EventFileTags {
    private EventFileTags() {}

    public static void main(String[] args) throws IOException {
        Map<String, List<TensorFlowReader.Entry>> byTag = TensorFlowReader.entries(Path.of(args[0])).stream()
                .collect(Collectors.groupingBy(TensorFlowReader.Entry::tag, LinkedHashMap::new, Collectors.toList()));
        System.out.printf("%-26s %-7s %7s  %s%n", "tag", "kind", "records", "steps");
        byTag.forEach((tag, entries) -> {
            var value = entries.get(0).value();
            String kind = value.hasImage()
                    ? "image"
                    : value.hasTensor() ? value.getMetadata().getPluginData().getPluginName() : "scalar";
            System.out.printf(
                    "%-26s %-7s %7d  %d..%d%n",
                    tag,
                    kind,
                    entries.size(),
                    entries.get(0).step(),
                    entries.get(entries.size() - 1).step());
        });
    }
}
