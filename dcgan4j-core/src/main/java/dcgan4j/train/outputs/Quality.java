package dcgan4j.train.outputs;

import dcgan4j.model.Generator;

/**
 * FID and KID of the generator at one step: the numbers {@code --eval-every} follows.
 *
 * @param fid Fréchet distance of generated to real features (lower is better)
 * @param kid kernel distance, unbiased (lower is better)
 */
public record Quality(double fid, double kid) {
    /** Measures a generator during training; must leave its weights, BatchNorm statistics and all random states alone. */
    public interface Probe {
        Quality measure(Generator generator);
    }
}
