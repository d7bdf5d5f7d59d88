package dcgan4j.train.outputs;

import dcgan4j.model.Generator;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.torch.Precision;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * FID and KID every {@link TrainConfig#evalEvery()} steps, with the generator of the lowest FID so
 * far kept as the run's best weights. A resumed run takes its best FID from metrics.csv, so "best"
 * means best over the whole run.
 */
final class Evaluation {
    private final Quality.Probe probe;
    private final int every;
    private final Precision precision;
    private final RunDirectory run;
    private final TrainingListener listener;
    private double bestFid;

    Evaluation(Quality.Probe probe, TrainConfig config, RunDirectory run, TrainingListener listener, long startStep)
            throws IOException {
        int every = config.evalEvery();
        if (every > 0 && probe == null) {
            throw new IllegalStateException(
                    "evaluating every " + every + " steps needs a feature network to measure with");
        }
        this.probe = probe;
        this.every = every;
        this.precision = config.precision();
        this.run = run;
        this.listener = listener;
        this.bestFid = every == 0 || startStep == 0
                ? Double.NaN
                : MetricsCsv.read(run.metrics()).stream()
                        .filter(r -> r.step() <= startStep && r.quality() != null)
                        .mapToDouble(r -> r.quality().fid())
                        .min()
                        .orElse(Double.NaN);
    }

    /**
     * The quality of the generator the run samples from after {@code step} if it is measured then,
     * else null; {@code sampling} is asked for it only then (an averaged G's statistics take a moment).
     */
    Quality after(long step, Supplier<Generator> sampling) throws IOException {
        if (every == 0 || step % every != 0) {
            return null;
        }
        Generator generator = sampling.get();
        Quality quality = probe.measure(generator);
        boolean best = Double.isNaN(bestFid) ? !Double.isNaN(quality.fid()) : quality.fid() < bestFid;
        if (best) {
            bestFid = quality.fid();
            ModelFiles.save(generator, run.bestGeneratorWeights(), precision, step);
        }
        listener.evaluated(step, quality, best);
        return quality;
    }
}
