package dcgan4j.model;

/** How G grows z into an image. */
public enum GeneratorKind {
    /** The paper's: a transposed convolution per doubling of the side (pytorch/examples' {@code netG}). */
    DCGAN,
    /**
     * The Keras MNIST article's (Atienza, "GAN by Example using Keras"): a dense layer reshaped to the first
     * side, then nearest-neighbour upsampling + 5×5 convolution blocks; see {@link UpsampleLayers}.
     */
    UPSAMPLE
}
