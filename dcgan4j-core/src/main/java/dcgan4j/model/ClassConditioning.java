package dcgan4j.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * Class labels as network input, the conditional GAN of Mirza &amp; Osindero: the one-hot label is
 * concatenated to the input as extra channels — to z as (N, classes, 1, 1), to an image as constant
 * (N, classes, H, W) maps. Chosen over a projection discriminator because only the first layer of each
 * network widens: every variant (upsample G, BatchNorm plans, dropout) stays as it is, the layer list
 * stays a plain {@code Sequential} with PyTorch names, and the parameter count is easy to state.
 */
final class ClassConditioning {
    private ClassConditioning() {}

    /**
     * The input with its labels' one-hot maps appended; the input itself when {@code classes} is 0.
     *
     * @param labels int64 class indices (N), required when {@code classes > 0}
     */
    static Tensor attach(Tensor input, Tensor labels, int classes) {
        if (classes == 0) {
            return input;
        }
        if (labels == null) {
            throw new IllegalArgumentException("a conditional network needs a class label for every input");
        }
        long n = input.size(0);
        Tensor maps = torch.one_hot(labels, classes)
                .to(ScalarType.Float)
                .view(n, classes, 1, 1)
                .expand(new long[] {n, classes, input.size(2), input.size(3)});
        return torch.cat(new TensorVector(input, maps), 1); // (N, C + classes, H, W)
    }
}
