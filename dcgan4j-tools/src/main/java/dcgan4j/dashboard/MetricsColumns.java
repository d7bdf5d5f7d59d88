package dcgan4j.dashboard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dcgan4j.train.outputs.MetricsCsv.Row;
import java.util.List;

/**
 * Metrics rows as columns, the shape the page's charts take (one array per series, aligned on
 * {@code step}); {@code fid} and {@code kid} are null on steps without an evaluation. {@code ada_p}
 * and {@code ada_rt} (ADA's p and r_t) are there only for the rows of a run with ADA: a run without
 * has no such keys, and neither has an answer without rows.
 */
record MetricsColumns(
        List<Long> step,
        List<Double> lossD,
        List<Double> lossG,
        List<Double> dX,
        @JsonProperty("d_g_z1") List<Double> dGz1,
        @JsonProperty("d_g_z2") List<Double> dGz2,
        List<Double> fid,
        List<Double> kid,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> adaP,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> adaRt) {
    static MetricsColumns of(List<Row> rows) {
        boolean ada = !rows.isEmpty() && rows.stream().allMatch(r -> r.ada() != null); // a file's header decides
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
                        .toList(),
                ada ? rows.stream().map(r -> r.ada().p()).toList() : null,
                ada ? rows.stream().map(r -> r.ada().rt()).toList() : null);
    }
}
