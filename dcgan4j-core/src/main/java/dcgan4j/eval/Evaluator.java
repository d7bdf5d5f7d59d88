package dcgan4j.eval;

import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.Generator;
import dcgan4j.sample.Sampler;
import dcgan4j.train.outputs.Quality;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Compares a generator with real data through a {@link FeatureNetwork}. The real images' features
 * are computed once (a seeded random choice of them), so evaluating many checkpoints, or the same
 * run every few thousand steps, costs only the generated side.
 *
 * <p>Nothing here touches libtorch's global random generator or the generator's BatchNorm
 * statistics: sample {@code i} comes from seed {@code seed + i} ({@link Sampler}), KID's subsets from
 * their own generator. An evaluation in the middle of training therefore changes nothing about the
 * steps that follow.
 */
public final class Evaluator implements Quality.Probe, AutoCloseable {
    /** clean-fid's advice: FID is biased upwards with fewer samples, so fewer are not comparable. */
    public static final int RECOMMENDED_SAMPLES = 10_000;
    /** Real and generated images compared during training ({@code --eval-every}): a few seconds' work. */
    public static final int DURING_TRAINING = 5000;

    private static final int BATCH = 250;

    private final FeatureNetwork network;
    private final Tensor realFeatures;
    private final long seed;

    /** Takes {@code min(count, data size)} real images chosen from {@code seed}. */
    public Evaluator(FeatureNetwork network, ImageDataset real, int count, long seed) {
        this.network = network;
        this.seed = seed;
        int n = Math.min(count, real.size());
        int[] order = new EpochOrder(real.size(), 1, seed, false).permutation(0);
        try (var scope = new PointerScope()) {
            this.realFeatures = owned(extract(n, from -> real.batch(order, from, Math.min(n, from + BATCH)), false)[0]);
        }
    }

    public FeatureNetwork network() {
        return network;
    }

    public int realCount() {
        return (int) realFeatures.size(0);
    }

    /** FID and KID of as many samples of {@code generator} as there are real images. */
    @Override
    public Quality measure(Generator generator) {
        int count = realCount();
        try (var scope = new PointerScope()) {
            Tensor fake = extract(count, from -> samples(generator, count, from), false)[0];
            return new Quality(Fid.between(realFeatures, fake), Kid.between(realFeatures, fake, seed));
        }
    }

    /** Every measure for {@code count} samples of {@code generator}. */
    public EvaluationReport report(Generator generator, int count, Double classifierAccuracy) {
        try (var scope = new PointerScope()) {
            boolean classifier = network.classes() > 0;
            Tensor[] fake = extract(count, from -> samples(generator, count, from), classifier);
            List<String> notes = new ArrayList<>();
            if (count < RECOMMENDED_SAMPLES || realCount() < RECOMMENDED_SAMPLES) {
                notes.add("fewer than " + RECOMMENDED_SAMPLES + " samples (" + realCount() + " real, " + count
                        + " generated): FID is biased upwards and comparable only with runs of the same counts");
            }
            PrecisionRecall pr = PrecisionRecall.of(realFeatures, fake[0], PrecisionRecall.K);
            return new EvaluationReport(
                    network.name(),
                    classifierAccuracy,
                    realCount(),
                    count,
                    Fid.between(realFeatures, fake[0]),
                    Kid.between(realFeatures, fake[0], seed),
                    pr.precision(),
                    pr.recall(),
                    classifier ? ClassStatistics.of(fake[1]) : null,
                    notes);
        }
    }

    /** Generated on the generator's device; the feature networks run on the CPU. */
    private Tensor samples(Generator generator, int count, int from) {
        return Sampler.generate(generator, Math.min(BATCH, count - from), seed + from)
                .cpu();
    }

    /** Features (and logits) of {@code count} images delivered in batches starting at the given offset. */
    private Tensor[] extract(int count, IntFunction<Tensor> batchFrom, boolean withLogits) {
        TensorVector features = new TensorVector();
        TensorVector logits = new TensorVector();
        try (var noGrad = new NoGradGuard()) {
            for (int from = 0; from < count; from += BATCH) {
                Tensor images = batchFrom.apply(from);
                features.push_back(network.features(images));
                if (withLogits) {
                    logits.push_back(network.logits(images));
                }
            }
        }
        return new Tensor[] {torch.cat(features), withLogits ? torch.cat(logits) : null};
    }

    /** Keeps a tensor made inside the current scope alive until {@link #close()}. */
    private static Tensor owned(Tensor t) {
        t.retainReference();
        PointerScope.getInnerScope().detach(t); // detach() drops the reference the scope took
        return t;
    }

    @Override
    public void close() {
        realFeatures.close();
    }
}
