package dcgan4j.probe;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One K's accuracies and chosen penalties, gathered draw by draw, method by method. */
final class Tally {
    final int k;
    final int draws;
    private final Map<String, List<Double>> accuracy = new LinkedHashMap<>();
    private final Map<String, List<Double>> penalty = new LinkedHashMap<>();

    Tally(int k, int draws) {
        this.k = k;
        this.draws = draws;
    }

    /** @param lambda the chosen penalty, or NaN for a method without one */
    void add(String method, double value, double lambda) {
        accuracy.computeIfAbsent(method, m -> new ArrayList<>()).add(value);
        List<Double> penalties = penalty.computeIfAbsent(method, m -> new ArrayList<>());
        if (!Double.isNaN(lambda)) {
            penalties.add(lambda);
        }
    }

    ProbeReport.Row row() {
        return new ProbeReport.Row(
                k, draws, score("D features"), score("random D"), score("pixels"), score("supervised"));
    }

    private ProbeReport.Score score(String method) {
        return ProbeReport.Score.of(accuracy.get(method), penalty.get(method));
    }
}
