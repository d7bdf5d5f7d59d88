package dcgan4j.run;

import dcgan4j.model.ModelConfig;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * A training run frozen between two steps: where it is, what it is, and every tensor that decides
 * what comes next (networks, optimizers, random generators, fixed noise).
 *
 * @param step        steps taken so far
 * @param epoch       the epoch the last step belonged to (1-based; 1 with no step taken)
 * @param batchesDone batches of that epoch already trained on
 * @param model       the architecture
 * @param config      the run's settings as YAML: the training settings' record, or the command line's
 *                    config.yaml, which holds them among its options
 * @param tensors     the training state by name (see {@code GanStep.state()}) plus the fixed noise, kept
 *                    and written in this order
 */
public record Checkpoint(
        long step, int epoch, int batchesDone, ModelConfig model, String config, Map<String, Tensor> tensors) {
    /** The name of the fixed noise the sample grids are drawn from. */
    public static final String FIXED_NOISE = "fixed_noise";
    /** The prefix of D's weights and BatchNorm buffers, by their PyTorch names ({@code netD.main.0.weight}). */
    public static final String DISCRIMINATOR = "netD.";

    public Checkpoint {
        if (step < 0 || epoch < 1 || batchesDone < 0) {
            throw new IllegalArgumentException(
                    "bad checkpoint position: step " + step + ", epoch " + epoch + ", batch " + batchesDone);
        }
        // in the caller's order: Map.copyOf's order changes with every JVM, and so would the file's bytes
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the checkpoint of step " + step + " has no tensor " + name);
        }
        return t;
    }
}
