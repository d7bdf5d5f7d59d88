package dcgan4j.model;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * G's last activation, and with it the range D sees images in. Everything outside the networks (the
 * data batches, the sample grids) works in [-1, 1]; these maps convert at the networks' boundary, so a
 * sigmoid generator is trained on real images in [0, 1] and its samples come out in [-1, 1] like the rest.
 */
public enum OutputActivation {
    /** The paper's: images in [-1, 1]. */
    TANH,
    /** The Keras MNIST article's: images in [0, 1]. */
    SIGMOID;

    /** Images in [-1, 1] → this activation's range (what D is trained on). */
    public Tensor fromImages(Tensor images) {
        return this == TANH ? images : images.add(new Scalar(1.0)).mul(new Scalar(0.5));
    }

    /** G's output in this activation's range → [-1, 1]. */
    public Tensor toImages(Tensor output) {
        return this == TANH ? output : output.mul(new Scalar(2.0)).sub(new Scalar(1.0));
    }
}
