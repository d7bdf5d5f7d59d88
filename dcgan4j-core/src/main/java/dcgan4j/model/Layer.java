package dcgan4j.model;

import dcgan4j.conv.ConvShape;

/**
 * One layer of a network as it was built, in order: what a reader outside the library (an exporter to
 * another runtime) needs to rebuild the network's arithmetic without re-deriving the layer plans of
 * {@link Generator} and {@link UpsampleLayers}. A layer with parameters names its state-dict prefix
 * ({@code main.0}), so its tensors are {@code prefix + ".weight"}, {@code ".bias"},
 * {@code ".running_mean"}, … in {@link Network#stateDict()}.
 */
public sealed interface Layer {
    /** {@code conv_transpose2d}; weight (in, out, k, k), a bias when {@code shape.bias()}. */
    record ConvTranspose(String prefix, ConvShape shape) implements Layer {}

    /** {@code conv2d}; weight (out, in, k, k), a bias when {@code shape.bias()}. */
    record Conv(String prefix, ConvShape shape) implements Layer {}

    /** y = x Wᵀ + b; weight (out, in). */
    record Linear(String prefix, boolean bias) implements Layer {}

    /** BatchNorm over dimension 1 (feature maps or flat features), its running statistics in evaluation. */
    record BatchNorm(String prefix, double eps) implements Layer {}

    record Relu() implements Layer {}

    record LeakyRelu(double slope) implements Layer {}

    /** Dropout: the identity when sampling. */
    record Dropout(double rate) implements Layer {}

    /** (N, C, H, W) → (N, C·H·W). */
    record Flatten() implements Layer {}

    /** (N, width·side·side) → (N, width, side, side). */
    record Unflatten(long width, int side) implements Layer {}

    /** Nearest-neighbour 2× upsampling: output pixel (y, x) is input pixel (⌊y/2⌋, ⌊x/2⌋). */
    record Upsample() implements Layer {}

    /** G's output activation. */
    record Output(OutputActivation activation) implements Layer {}
}
