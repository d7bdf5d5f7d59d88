package dcgan4j.dashboard;

import com.fasterxml.jackson.annotation.JsonProperty;
import dcgan4j.train.outputs.MetricsCsv.Row;
import java.util.List;

/**
 * Metrics rows as columns, the shape the page's charts take (one array per series, aligned on
 * {@code step}); {@code fid} and {@code kid} are null on steps without an evaluation.
 */
record MetricsColumns(
        List<Long> step,
        List<Double> lossD,
        List<Double> lossG,
        List<Double> dX,
        @JsonProperty("d_g_z1") List<Double> dGz1,
        @JsonProperty("d_g_z2") List<Double> dGz2,
        List<Double> fid,
        List<Double> kid) {
    static MetricsColumns of(List<Row> rows) {
        return new MetricsColumns(
                rows.stream().map(Row::step).toList(),
                rows.stream().map(r -> r.metrics().lossD()).toList(),
                rows.stream().map(r -> r.metrics().lossG()).toList(),
                rows.stream().map(r -> r.metrics().dX()).toList(),
                rows.stream().map(r -> r.metrics().dGz1()).toList(),
                rows.stream().map(r -> r.metrics().dGz2()).toList(),
                rows.stream()
                        .map(r -> r.quality() == null ? null : r.quality().fid())
                        .toList(),
                rows.stream()
                        .map(r -> r.quality() == null ? null : r.quality().kid())
                        .toList());
    }
}
