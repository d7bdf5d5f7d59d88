package dcgan4j.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real datasets in {@code ../shared/data} beside the repository, read in place. Outside CI a test
 * that needs them is skipped with a message when they are absent; in CI ({@code CI=true}) that fails.
 */
public final class SharedData {
    private SharedData() {}

    public static Path dir(String dataset) {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.exists(root.resolve("mvnw"))) {
            root = root.getParent();
        }
        Path dir = root == null
                ? null
                : root.resolveSibling("shared").resolve("data").resolve(dataset);
        if (dir == null || !Files.isDirectory(dir)) {
            String message =
                    "shared data " + dataset + " not found beside the repository (../shared/data/" + dataset + ")";
            if ("true".equals(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return dir;
    }
}
