package dcgan4j.train.outputs;

import dcgan4j.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The two charts every GAN tutorial draws, from {@code metrics.csv}: Loss_D and Loss_G, and D(x)
 * with D(G(z)), over the steps; and, when the run measures it ({@code --eval-every}), FID over the
 * steps — the one that says whether the pictures get better. Long runs are averaged into at most
 * {@value #MAX_POINTS} points per line, which also smooths the step-to-step noise.
 */
final class TrainingCharts {
    static final int MAX_POINTS = 1000;
    private static final int WIDTH = 900;
    private static final int HEIGHT = 450;

    private TrainingCharts() {}

    /** Writes the charts; {@code fidPng} only when some rows hold an evaluation. */
    static void write(List<MetricsCsv.Row> rows, Path lossPng, Path discriminatorPng, Path fidPng) throws IOException {
        if (rows.isEmpty()) {
            return;
        }
        XYChart loss = chart("Generator and discriminator loss", "loss");
        add(loss, "Loss_D", rows, r -> r.metrics().lossD());
        add(loss, "Loss_G", rows, r -> r.metrics().lossG());
        save(loss, lossPng);
        XYChart d = chart("Discriminator outputs (probability of \"real\")", "D");
        add(d, "D(x)", rows, r -> r.metrics().dX());
        add(d, "D(G(z))", rows, r -> r.metrics().dGz1());
        d.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        save(d, discriminatorPng);
        List<MetricsCsv.Row> evaluated =
                rows.stream().filter(r -> r.quality() != null).toList();
        if (!evaluated.isEmpty()) {
            XYChart fid = chart("Fréchet distance of generated to real features (lower is better)", "FID");
            add(fid, "FID", evaluated, r -> r.quality().fid());
            save(fid, fidPng);
        }
    }

    private static XYChart chart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle("step")
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setMarkerSize(0).setChartBackgroundColor(java.awt.Color.WHITE);
        return chart;
    }

    /** One line; buckets of consecutive steps are averaged when there are too many steps. */
    private static void add(XYChart chart, String name, List<MetricsCsv.Row> rows, ToDoubleFunction<MetricsCsv.Row> y) {
        int bucket = (rows.size() + MAX_POINTS - 1) / MAX_POINTS;
        int points = (rows.size() + bucket - 1) / bucket;
        double[] xs = new double[points];
        double[] ys = new double[points];
        for (int p = 0; p < points; p++) {
            int from = p * bucket;
            int to = Math.min(rows.size(), from + bucket);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += y.applyAsDouble(rows.get(i));
            }
            xs[p] = rows.get(to - 1).step();
            ys[p] = sum / (to - from);
        }
        chart.addSeries(name, xs, ys).setMarker(SeriesMarkers.NONE);
    }

    private static void save(XYChart chart, Path png) throws IOException {
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
