package dcgan4j.eval;

import org.bytedeco.pytorch.Tensor;

/**
 * A network whose features of real and generated images are compared: a LeNet-like classifier
 * trained by dcgan4j for MNIST-type data, the FID Inception-v3 for colour images. Both take images
 * in [-1, 1] of any side and channel count and bring them to what they were trained on.
 */
public interface FeatureNetwork extends AutoCloseable {
    /** Short name for reports, e.g. {@code lenet-mnist} or {@code inception-v3}. */
    String name();

    /** Features (N, D) of images (N, C, H, W) in [-1, 1]; called without gradients. */
    Tensor features(Tensor images);

    /** Classes the network predicts; 0 when it is no classifier. */
    int classes();

    /** Class logits (N, K) of the same images; only for classifiers. */
    Tensor logits(Tensor images);

    @Override
    void close();
}
