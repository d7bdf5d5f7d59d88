package dcgan4j.train.outputs;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Torch;
import dcgan4j.train.step.StepMetrics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureWatchTest {
    private static final StepMetrics HEALTHY = new StepMetrics(1.2, 1.5, 0.6, 0.4, 0.35);
    private static final StepMetrics D_WINS = new StepMetrics(0.01, 9.0, 0.995, 0.004, 0.003);

    @Test
    void dWinningOutrightIsReportedOnceAfterASustainedWindowAndClearsWhenItStops() {
        var watch = new FailureWatch(10.0);
        for (int i = 0; i < FailureWatch.WINDOW - 1; i++) {
            assertThat(watch.step(D_WINS)).isNull(); // not yet a sustained window
        }
        assertThat(watch.step(D_WINS)).startsWith("D wins outright: mean D(x) 0.995, D(G(z)) 0.004 over 200 steps");
        assertThat(watch.step(D_WINS)).isNull(); // said once
        assertThat(watch.active()).isEqualTo("D wins outright");
        for (int i = 0; i < FailureWatch.WINDOW / 2; i++) {
            watch.step(HEALTHY);
        }
        assertThat(watch.active()).isEmpty();
    }

    @Test
    void aBriefStretchOfConfidentDiscriminatorIsNoAlarm() {
        var watch = new FailureWatch(10.0);
        for (int i = 0; i < 3 * FailureWatch.WINDOW; i++) {
            assertThat(watch.step(i % 4 == 0 ? HEALTHY : D_WINS)).isNull();
        }
    }

    @Test
    void samplesFarLessDiverseThanTheDataAreACollapse() {
        Torch.load();
        try (var scope = new PointerScope()) {
            Tensor varied = torch.rand(new long[] {16, 1, 8, 8});
            Tensor same = torch.rand(new long[] {1, 1, 8, 8})
                    .expand(new long[] {16, 1, 8, 8})
                    .contiguous();
            double data = FailureWatch.diversity(varied);
            assertThat(FailureWatch.diversity(same)).isCloseTo(0.0, org.assertj.core.api.Assertions.within(1e-6));
            var watch = new FailureWatch(data);
            assertThat(watch.samples(data * 0.9)).isNull();
            assertThat(watch.samples(FailureWatch.diversity(same)))
                    .startsWith("samples collapse: mean pairwise distance 0.00");
            assertThat(watch.active()).isEqualTo("samples collapse");
            assertThat(watch.samples(data)).isNull();
            assertThat(watch.active()).isEmpty();
        }
    }

    @Test
    void metricsOfRunsFromBeforeTheQualityColumnsAreReadAndResumed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("metrics.csv");
        Files.write(
                file,
                List.of(
                        "step,epoch,loss_d,loss_g,d_x,d_g_z1,d_g_z2",
                        "1,1,1.0,2.0,0.5,0.4,0.3",
                        "2,1,1.1,2.1,0.6,0.5,0.4"));
        assertThat(MetricsCsv.read(file)).extracting(MetricsCsv.Row::quality).containsExactly(null, null);
        try (var csv = MetricsCsv.resume(file, 1)) {
            csv.append(2, 1, HEALTHY, new Quality(12.5, 0.0125));
        }
        assertThat(Files.readAllLines(file))
                .containsExactly(
                        MetricsCsv.HEADER,
                        "1,1,1.0,2.0,0.5,0.4,0.3,,",
                        "2,1,1.200000,1.500000,0.600000,0.400000,0.350000,12.500000,0.01250000");
        assertThat(MetricsCsv.read(file).get(1).quality()).isEqualTo(new Quality(12.5, 0.0125));
    }
}
