package dcgan4j.model;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** What z is drawn from; part of the architecture, since a generator only knows the noise it was trained on. */
public enum NoiseDistribution {
    /** N(0, 1), as in pytorch/examples. */
    NORMAL,
    /** U[-1, 1], as in the paper and the Keras MNIST article. */
    UNIFORM;

    Tensor draw(long[] shape, Generator rng) {
        var from = new GeneratorOptional(rng);
        return this == NORMAL
                ? torch.randn(shape, from)
                : torch.rand(shape, from).mul(new Scalar(2.0)).sub(new Scalar(1.0));
    }
}
