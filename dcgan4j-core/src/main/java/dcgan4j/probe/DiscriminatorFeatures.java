package dcgan4j.probe;

import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.torch.Device;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * D's features as the DCGAN paper builds them for its classifiers (§5.1, and Newmu/dcgan_code's
 * {@code svhn_semisup_analysis.py}): the output of every convolutional block — convolution, BatchNorm
 * where the layer has it, LeakyReLU — max-pooled to a 4×4 grid, flattened and concatenated, first
 * block first. The final convolution, D's real/fake logit, is not a feature. At 64×64 with
 * {@code ndf} 64 that is 16·(64 + 128 + 256 + 512) = 15,360 numbers per image; at 28×28,
 * 16·(64 + 128 + 256) = 7,168.
 *
 * <p>The paper's maps have sides divisible by 4, pooled in disjoint windows; a 28×28 D's 14×14 and 7×7
 * maps are not, and are pooled as PyTorch's adaptive max pooling does (windows from ⌊i·s/4⌋ to
 * ⌈(i+1)·s/4⌉, which overlap for s = 7). D runs in evaluation mode, so BatchNorm uses the running
 * statistics training kept and an image's features do not depend on the rest of its batch; the
 * reference code instead re-estimated those statistics over the training set.
 */
public final class DiscriminatorFeatures {
    /** Each block's maps are pooled to this side. */
    public static final int POOLED_SIDE = 4;

    private static final int BATCH = 250;

    private DiscriminatorFeatures() {}

    /**
     * The features of images (N, nc, H, W) in [-1, 1]: (N, F) on D's device, without gradients, with D
     * in evaluation mode (its mode is put back afterwards).
     *
     * @throws IllegalArgumentException for a conditional D, which reads each image together with its class
     */
    public static Tensor of(Discriminator d, Tensor images) {
        requireUnconditional(d);
        boolean wasTraining = d.isTraining();
        d.train(false);
        try (var noGrad = new NoGradGuard()) {
            TensorVector pooled = new TensorVector();
            for (Tensor block : d.blockOutputs(images)) {
                try (T_TensorTensor_T maxAndWhere = torch.adaptive_max_pool2d(block, POOLED_SIDE, POOLED_SIDE)) {
                    pooled.push_back(maxAndWhere.get0().flatten(1, -1)); // a new tensor, before the pair goes
                }
            }
            return torch.cat(pooled, 1);
        } finally {
            d.train(wasTraining);
        }
    }

    /** The features of {@code data}'s images at {@code indices}, in batches on {@code device}: (N, F) there. */
    public static Tensor of(Discriminator d, ImageDataset data, int[] indices, Device device) {
        return batched(data, indices, device, images -> of(d, images));
    }

    /**
     * A feature map applied to {@code data}'s images at {@code indices} in batches, each batch's tensors
     * freed before the next; the results are written into one (N, F) float tensor on {@code device}.
     */
    static Tensor batched(ImageDataset data, int[] indices, Device device, UnaryOperator<Tensor> features) {
        if (indices.length == 0) {
            throw new IllegalArgumentException("no images to compute features of");
        }
        long width;
        try (var scope = new PointerScope()) {
            width = features.apply(data.batch(indices, 0, 1, device)).size(1);
        }
        Tensor out = torch.empty(indices.length, width).to(device.torchDevice(), ScalarType.Float);
        for (int from = 0; from < indices.length; from += BATCH) {
            int to = Math.min(indices.length, from + BATCH);
            try (var scope = new PointerScope()) {
                out.narrow(0, from, to - from).copy_(features.apply(data.batch(indices, from, to, device)));
            }
        }
        return out;
    }

    static void requireUnconditional(Discriminator d) {
        if (d.config().variant().classes() > 0) {
            throw new IllegalArgumentException("probing a conditional discriminator is not supported: it reads each "
                    + "image together with its class, the very label the probe predicts; use a run trained "
                    + "without class conditioning (setting 'conditional')");
        }
    }
}
