package dcgan4j.augment;

import dcgan4j.torch.Tensors;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * One random number per image, drawn on the CPU from the augmentation's own generator and then moved
 * to the images' device, as the training noise is: a seed gives the same augmentations on every
 * device, and nothing else's draws shift when augmentation is switched on.
 */
final class Draws {
    private final Generator rng;

    Draws(Generator rng) {
        this.rng = rng;
    }

    /** (N, 1, 1, 1) uniform in [lo, hi), in the images' dtype (as DiffAugment draws) and on their device. */
    Tensor uniform(Tensor images, double lo, double hi) {
        Tensor u =
                torch.rand(perImage(images, 1, 1, 1), new GeneratorOptional(rng), new TensorOptions(ScalarType.Float));
        return u.mul(new Scalar(hi - lo)).add(new Scalar(lo)).to(images.device(), Tensors.dtype(images));
    }

    /** (N) integers in [lo, hi], int64, on the images' device. */
    Tensor integers(Tensor images, long lo, long hi) {
        Tensor k = torch.randint(
                hi - lo + 1, perImage(images), new GeneratorOptional(rng), new TensorOptions(ScalarType.Long));
        return k.add(new Scalar(lo)).to(images.device(), ScalarType.Long);
    }

    /** (N, 1, 1, 1) booleans, each true with probability {@code p}, on the images' device. */
    Tensor chance(Tensor images, double p) {
        Tensor u =
                torch.rand(perImage(images, 1, 1, 1), new GeneratorOptional(rng), new TensorOptions(ScalarType.Float));
        return u.lt(new Scalar(p)).to(images.device(), ScalarType.Bool);
    }

    private static long[] perImage(Tensor images, long... rest) {
        long[] shape = new long[1 + rest.length];
        shape[0] = images.size(0);
        System.arraycopy(rest, 0, shape, 1, rest.length);
        return shape;
    }
}
