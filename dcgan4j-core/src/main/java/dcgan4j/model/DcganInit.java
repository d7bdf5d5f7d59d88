package dcgan4j.model;

import java.util.Map;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * The paper's initialisation (pytorch/examples {@code weights_init}): convolution (and dense) weights
 * from N(0, 0.02), BatchNorm scale from N(1, 0.02) and shift 0; biases, where a variant has them, 0. Draws from libtorch's default generator,
 * so {@link dcgan4j.torch.Torch#seed} makes it reproducible.
 */
final class DcganInit {
    /** An empty optional: libtorch then draws from its default generator. */
    private static final GeneratorOptional DEFAULT_GENERATOR = new GeneratorOptional();

    private DcganInit() {}

    static void apply(Network network) {
        try (var noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : network.namedParameters().entrySet()) {
                Tensor p = e.getValue();
                boolean weights = p.dim() >= 2; // convolution or dense
                if (weights) {
                    p.normal_(0.0, 0.02, DEFAULT_GENERATOR);
                } else if (e.getKey().endsWith(".weight")) {
                    p.normal_(1.0, 0.02, DEFAULT_GENERATOR);
                } else {
                    p.zero_();
                }
            }
        }
    }
}
