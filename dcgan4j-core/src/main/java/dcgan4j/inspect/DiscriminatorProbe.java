package dcgan4j.inspect;

import dcgan4j.model.Discriminator;
import dcgan4j.torch.Tensors;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;

/**
 * What the discriminator looks at (DCGAN paper §6.2 and Fig. 5): its first-layer filters, the
 * feature maps each block produces for an image, and a saliency map — the gradient of D's logit
 * with respect to the input pixels (Simonyan et al. 2014). D runs in evaluation mode (BatchNorm's
 * running statistics), so an image's maps do not depend on the rest of its batch.
 */
final class DiscriminatorProbe {
    private DiscriminatorProbe() {}

    /** The first convolution's weights (ndf, nc, k, k), each filter stretched to [-1, 1] for display. */
    static Tensor firstLayerFilters(Discriminator d) {
        requireUnconditional(d);
        Tensor w = d.stateDict().get("main.0.weight").detach();
        return stretch(w);
    }

    /**
     * The feature maps after each block for images (N, nc, H, W) in [-1, 1]: one tensor per block,
     * (N, channels, h, w), the last being the features D's final layer reads.
     */
    static List<Tensor> blockOutputs(Discriminator d, Tensor images) {
        return inEvalMode(d, () -> {
            try (var noGrad = new NoGradGuard()) {
                return d.blockOutputs(images).stream().map(Tensor::clone).toList();
            }
        });
    }

    /** D(x), the probability D gives each image of being real. */
    static float[] probabilities(Discriminator d, Tensor images) {
        return inEvalMode(d, () -> {
            try (var noGrad = new NoGradGuard()) {
                return Tensors.toFloats(d.forward(images).view(-1).sigmoid());
            }
        });
    }

    /** D's penultimate features, flattened (N, ndf·8·4·4 for 64×64): the space "nearest" compares in. */
    static Tensor features(Discriminator d, Tensor images) {
        List<Tensor> blocks = blockOutputs(d, images);
        return blocks.get(blocks.size() - 1).flatten(1, -1);
    }

    /**
     * |∂ logit / ∂ pixel|, the largest over the channels, each map scaled to [0, 1]: (N, 1, H, W).
     * D's weights are left untouched and collect no gradient.
     */
    static Tensor saliency(Discriminator d, Tensor images) {
        return inEvalMode(d, () -> {
            d.requiresGrad(false);
            try {
                Tensor x = images.detach().clone().requires_grad_(true);
                d.forward(x).sum().backward();
                Tensor g = x.grad().abs().amax(new long[] {1}, true);
                Tensor peak = g.amax(new long[] {1, 2, 3}, true).clamp_min(new Scalar(1e-12));
                return g.div(peak).detach();
            } finally {
                d.requiresGrad(true);
            }
        });
    }

    /**
     * A conditional D reads each image with its class's one-hot maps; probing it would need the class
     * of every image, which the probes do not take (yet).
     */
    private static void requireUnconditional(Discriminator d) {
        if (d.config().variant().classes() > 0) {
            throw new IllegalArgumentException("looking inside a conditional discriminator is not supported; "
                    + "use a run trained without class conditioning (setting 'conditional')");
        }
    }

    /** Each map (the leading dimension) min-max scaled to [-1, 1] for display; a constant map is black. */
    static Tensor stretch(Tensor maps) {
        long n = maps.size(0);
        Tensor flat = maps.reshape(n, -1);
        Tensor lo = flat.amin(new long[] {1}, true);
        Tensor range = flat.amax(new long[] {1}, true).sub(lo).clamp_min(new Scalar(1e-12));
        Tensor unit = flat.sub(lo).div(range);
        return unit.mul(new Scalar(2.0))
                .sub(new Scalar(1.0))
                .clamp(new ScalarOptional(new Scalar(-1.0)), new ScalarOptional(new Scalar(1.0)))
                .view_as(maps);
    }

    private static <T> T inEvalMode(Discriminator d, java.util.function.Supplier<T> work) {
        requireUnconditional(d);
        boolean wasTraining = d.isTraining();
        d.train(false);
        try {
            return work.get();
        } finally {
            d.train(wasTraining);
        }
    }
}
