package dcgan4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The library names settings as its builders do; only the command line may name a flag. */
class CoreMessagesTest {
    private static final Pattern LITERAL = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
    /**
     * A dcgan4j flag is kebab case ({@code --lr-d}); native libraries' own flags in snake case
     * ({@code --caffe2_log_level}, passed to c10) are not dcgan4j's to name.
     */
    private static final Pattern FLAG = Pattern.compile("(^|[\\s('\"])--[a-z][a-z0-9]*(-[a-z0-9]+)*(?![_a-z0-9])");

    @Test
    void noStringInTheCoreNamesACommandLineFlag() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(CoreMessagesTest::flagLiterals)
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    private static Stream<String> flagLiterals(Path file) {
        try {
            Matcher m = LITERAL.matcher(Files.readString(file));
            Stream.Builder<String> found = Stream.builder();
            while (m.find()) {
                if (FLAG.matcher(m.group()).find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            }
            return found.build();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
