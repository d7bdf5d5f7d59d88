package dcgan4j.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.train.outputs.Quality;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.step.StepMetrics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

class EventFileListenerTest {
    private static final String CONFIG = "dataset: synthetic\nepochs: 2\n";

    @Test
    void scalarsImagesAndTextReadBackWithTensorFlowsOwnClasses(@TempDir Path dir) throws IOException {
        var events = new EventFileListener(1);
        events.started(plan(dir));
        events.realSamplesSaved(png(dir, "real.png", BufferedImage.TYPE_BYTE_GRAY, 62, 32));
        events.stepDone(progress(1, 0.5));
        events.stepDone(progress(2, 0.25));
        events.samplesSaved(2, png(dir, "fake.png", BufferedImage.TYPE_INT_RGB, 122, 62));
        events.evaluated(2, new Quality(176.5, 0.0123), true);
        events.warning(2, "D wins outright");
        events.ended(2, TrainingListener.Ending.COMPLETED);

        List<Event> file = TensorFlowReader.events(events.file());
        assertThat(file.get(0).getFileVersion()).isEqualTo("brain.Event:2");
        List<TensorFlowReader.Entry> entries = TensorFlowReader.entries(dir);
        assertThat(entries)
                .extracting(e -> e.step() + " " + e.tag())
                .containsExactly(
                        "0 config",
                        "0 samples/real",
                        "1 loss/D",
                        "1 loss/G",
                        "1 D(x)",
                        "1 D(G(z))/before_D_update",
                        "1 D(G(z))/after_D_update",
                        "1 speed/images_per_second",
                        "1 lr/G",
                        "1 lr/D",
                        "2 loss/D",
                        "2 loss/G",
                        "2 D(x)",
                        "2 D(G(z))/before_D_update",
                        "2 D(G(z))/after_D_update",
                        "2 speed/images_per_second",
                        "2 lr/G",
                        "2 lr/D",
                        "2 samples/fixed_noise",
                        "2 quality/FID",
                        "2 quality/KID",
                        "2 warnings");
        assertThat(value(entries, 2, "loss/D").getSimpleValue()).isEqualTo(0.25f);
        assertThat(value(entries, 2, "loss/G").getSimpleValue()).isEqualTo(1.25f);
        assertThat(value(entries, 1, "D(G(z))/after_D_update").getSimpleValue()).isEqualTo(0.5f + 0.3f);
        assertThat(value(entries, 1, "lr/D").getSimpleValue()).isEqualTo(1e-4f);
        assertThat(value(entries, 2, "quality/FID").getSimpleValue()).isEqualTo(176.5f);
        assertThat(value(entries, 2, "quality/KID").getSimpleValue()).isEqualTo(0.0123f);
        assertThat(entries.get(2).wallTime()).isCloseTo(System.currentTimeMillis() / 1000.0, within(60.0));

        Summary.Image grid = value(entries, 2, "samples/fixed_noise").getImage();
        assertThat(List.of(grid.getWidth(), grid.getHeight(), grid.getColorspace()))
                .containsExactly(122, 62, 3);
        BufferedImage decoded = ImageIO.read(
                new ByteArrayInputStream(grid.getEncodedImageString().toByteArray()));
        assertThat(List.of(decoded.getWidth(), decoded.getHeight())).containsExactly(122, 62);
        Summary.Image real = value(entries, 0, "samples/real").getImage();
        assertThat(List.of(real.getWidth(), real.getHeight(), real.getColorspace()))
                .containsExactly(62, 32, 1);
        assertThat(ImageIO.read(new ByteArrayInputStream(
                                real.getEncodedImageString().toByteArray()))
                        .getWidth())
                .isEqualTo(62);

        for (String tag : List.of("config", "warnings")) {
            Summary.Value text = entries.stream()
                    .filter(e -> e.tag().equals(tag))
                    .findFirst()
                    .orElseThrow()
                    .value();
            assertThat(text.getMetadata().getPluginData().getPluginName()).isEqualTo("text");
            assertThat(text.getTensor().getDtype()).isEqualTo(DataType.DT_STRING);
            assertThat(text.getTensor().getTensorShape().getDimCount()).isZero();
            assertThat(text.getTensor().getStringValCount()).isEqualTo(1);
        }
        assertThat(value(entries, 0, "config").getTensor().getStringVal(0).toStringUtf8())
                .isEqualTo("    dataset: synthetic\n    epochs: 2\n"); // a Markdown code block keeps the lines
        assertThat(value(entries, 2, "warnings").getTensor().getStringVal(0).toStringUtf8())
                .isEqualTo("D wins outright");
    }

    @Test
    void logEveryThinsOutTheScalarsButNotTheEvaluations(@TempDir Path dir) throws IOException {
        var events = started(dir, 3, 7);
        events.evaluated(7, new Quality(1, 2), false);
        events.ended(7, TrainingListener.Ending.COMPLETED);

        assertThat(TensorFlowReader.entries(dir))
                .filteredOn(e -> e.tag().startsWith("loss/D") || e.tag().startsWith("quality/FID"))
                .extracting(e -> e.step() + " " + e.tag())
                .containsExactly("3 loss/D", "6 loss/D", "7 quality/FID");
        assertThatThrownBy(() -> new EventFileListener(0)).hasMessageContaining("at least 1, got 0");
    }

    @Test
    void eachGridReachesTheFileAtOnceWhileScalarsWaitInTheBuffer(@TempDir Path dir) throws IOException {
        var events = new EventFileListener(1, Duration.ofHours(1));
        events.started(plan(dir));
        long afterStart = Files.size(events.file());
        events.stepDone(progress(1, 1));
        assertThat(Files.size(events.file())).isEqualTo(afterStart); // buffered

        events.samplesSaved(1, png(dir, "fake.png", BufferedImage.TYPE_INT_RGB, 30, 30));

        assertThat(Files.size(events.file())).isGreaterThan(afterStart); // flushed without closing
        assertThat(TensorFlowReader.events(events.file()))
                .extracting(Event::getStep)
                .containsExactly(0L, 0L, 1L, 1L);
        events.ended(1, TrainingListener.Ending.STOPPED);
    }

    @Test
    void aFileCutInTheMiddleOfARecordKeepsEveryEarlierRecordReadable(@TempDir Path dir) throws IOException {
        var events = started(dir, 1, 5);
        events.ended(5, TrainingListener.Ending.COMPLETED);
        byte[] whole = Files.readAllBytes(events.file());
        int records = TensorFlowReader.events(events.file()).size();

        for (int cut : new int[] {whole.length - 1, whole.length - 30, whole.length - 200}) {
            Files.write(events.file(), Arrays.copyOf(whole, cut)); // what kill -9 mid-write leaves
            List<Event> intact = TensorFlowReader.intactEvents(events.file());
            assertThat(intact).hasSizeBetween(records - 2, records - 1);
            assertThat(intact.get(intact.size() - 1).getStep()).isEqualTo(intact.size() - 2); // steps 1, 2, … in order
        }
        // a resume drops the damaged tail, so the file reads to its end again
        assertThat(EventFiles.keepUpTo(dir, 100)).isZero();
        assertThat(TensorFlowReader.events(events.file())).hasSizeBetween(records - 2, records - 1);
    }

    private static Summary.Value value(List<TensorFlowReader.Entry> entries, long step, String tag) {
        return entries.stream()
                .filter(e -> e.step() == step && e.tag().equals(tag))
                .findFirst()
                .orElseThrow()
                .value();
    }

    /** A listener that has logged steps 1 to {@code steps}. */
    private static EventFileListener started(Path dir, int logEvery, int steps) {
        var events = new EventFileListener(logEvery);
        events.started(plan(dir));
        for (int step = 1; step <= steps; step++) {
            events.stepDone(progress(step, 1));
        }
        return events;
    }

    private static TrainingListener.Plan plan(Path dir) {
        return new TrainingListener.Plan(dir, "synthetic", 256, 2, 8, 32, 0, CONFIG);
    }

    private static TrainingListener.Progress progress(long step, double loss) {
        return new TrainingListener.Progress(
                step,
                16,
                1,
                2,
                (int) step,
                8,
                new StepMetrics(loss, loss + 1, 0.9, loss, loss + 0.3),
                500,
                "",
                2e-4,
                1e-4,
                null);
    }

    private static Path png(Path dir, String name, int type, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, type);
        image.getRaster().setSample(3, 4, 0, 200);
        Path file = dir.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }
}
