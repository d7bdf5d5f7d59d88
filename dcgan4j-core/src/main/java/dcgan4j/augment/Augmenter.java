package dcgan4j.augment;

import dcgan4j.torch.NamedTensors;
import dcgan4j.torch.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A training run's augmentation of the images D sees ({@link Augmentation#enabled()} runs only): the
 * transforms, their random generator, and for ADA the controller of p, with their checkpoint state.
 * The trainer hands every image batch D sees through {@link #apply}, shows it D's logits on the reals
 * ({@link #observe}) and ends each step with {@link #stepDone}.
 */
public final class Augmenter implements AutoCloseable {
    /**
     * The generator's checkpoint entry. Under {@code rng.}, so each rank's is kept apart (the ranks draw
     * their own augmentations); ADA's p and sums are the same on every rank, one entry.
     */
    public static final String RNG = "rng.augment";

    public static final String ADA = "augment.ada";
    /**
     * Set apart from the noise's seeds (seed + rank): the same seed would give both generators one
     * Mersenne Twister stream.
     */
    private static final long SEED_MASK = 0x6175676d656e74L; // "augment"

    private final Generator rng;
    private final Draws draws;
    private final DiffAugment diff;
    /** Null but for ADA. */
    private final AdaptiveProbability ada;
    /** sum(sign(D(x))) over this step's reals (0-dim, on the device), and their count; ADA only. */
    private Tensor stepSigns;

    private long stepImages;

    /** @param seed the run's seed plus this rank's index */
    public Augmenter(Augmentation settings, long seed) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("augment is none: there is nothing to apply");
        }
        this.rng = torch.createCPUGenerator(seed ^ SEED_MASK);
        this.draws = new Draws(rng);
        this.diff = settings.augment() == Augmentation.Kind.DIFF ? new DiffAugment(settings.policy()) : null;
        this.ada = settings.augment() == Augmentation.Kind.ADA ? new AdaptiveProbability(settings) : null;
    }

    /** The images (N, C, H, W) as D is to see them: differentiable, in their own dtype and device. */
    public Tensor apply(Tensor images) {
        return diff != null ? diff.apply(images, draws) : AdaPipeline.apply(images, ada.p, draws);
    }

    /**
     * D's logits (N) on this step's real images (the last D update's, when there are several), which
     * ADA's r_t is made of; kept on the device until {@link #stepDone}.
     */
    public void observe(Tensor realLogits) {
        if (ada != null) {
            stepSigns = realLogits.detach().sign().sum();
            stepImages = realLogits.size(0);
        }
    }

    /**
     * Ends a step: ADA adds the step's signs, summed over all ranks by {@code sumOverRanks} (a
     * collective: every rank calls it), and moves p at an interval's end. Reads one number from the
     * device, after the step's metrics were read, so it waits for nothing.
     */
    public void stepDone(UnaryOperator<double[]> sumOverRanks) {
        if (ada != null) {
            double[] sums = sumOverRanks.apply(new double[] {stepSigns.item_double(), stepImages});
            ada.add(sums[0], sums[1]);
            stepSigns = null;
        }
    }

    /** ADA's p and r_t; null for DiffAugment. */
    public AdaStatus status() {
        return ada == null ? null : new AdaStatus(ada.p, ada.rt);
    }

    /** The checkpoint entries: {@link #RNG}, and {@link #ADA} (float64 {p, r_t, sums}) for ADA. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.put(RNG, rng.get_state());
        if (ada != null) {
            state.put(ADA, Tensors.fromDoubles(ada.state()));
        }
        return state;
    }

    /** Puts a {@link #state()} back (from a map that may hold other entries). */
    public void restore(Map<String, Tensor> state) {
        rng.set_state(NamedTensors.required(state, RNG));
        if (ada != null) {
            Tensor saved =
                    NamedTensors.required(state, ADA).to(ScalarType.Double).contiguous();
            double[] values = new double[(int) saved.numel()];
            saved.data_ptr_double().get(values);
            ada.restore(values);
        }
    }

    @Override
    public void close() {
        rng.close();
    }
}
