package dcgan4j.cli;

import static dcgan4j.cli.MainTest.dcgan;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} writes a TensorBoard event file unless told not to; --log-every is a run setting like the others. */
class EventFileOptionsTest {
    private static final String[] TINY = {
        "train",
        "--synthetic-count",
        "128",
        "--batch-size",
        "32",
        "--epochs",
        "1",
        "--ngf",
        "8",
        "--ndf",
        "8",
        "--sample-every",
        "0"
    };

    @TempDir
    Path dir;

    @Test
    void aRunHasOneEventFileAndNoneWithNoEvents() throws IOException {
        Path with = dir.resolve("with");
        MainTest.Result r = dcgan(concat(TINY, "--log-every", "2", "--out", with.toString()));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(eventFiles(with)).hasSize(1);
        assertThat(eventFiles(with)[0].toFile().length()).isGreaterThan(1000); // a grid at least
        assertThat(Files.readString(with.resolve("config.yaml"))).contains("log-every: 2", "no-events: false");

        Path without = dir.resolve("without");
        assertThat(dcgan(concat(TINY, "--no-events", "--out", without.toString()))
                        .code())
                .isZero();
        assertThat(eventFiles(without)).isEmpty();
        assertThat(without.resolve("netG.safetensors")).exists();
    }

    private static Path[] eventFiles(Path run) throws IOException {
        try (Stream<Path> files = Files.list(run)) {
            return files.filter(f -> f.getFileName().toString().contains("tfevents"))
                    .toArray(Path[]::new);
        }
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
