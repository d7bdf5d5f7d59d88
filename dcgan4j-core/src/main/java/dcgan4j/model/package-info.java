/**
 * The networks: the paper's generator and discriminator (and the variants practitioners ask for),
 * their architecture as a value that is saved with the weights, and the latent noise they are fed.
 * Parameter names follow pytorch/examples dcgan, so state dicts move between the two.
 *
 * <p>Its API, the classes used outside the package: BatchNormLayers, Discriminator, Generator,
 * GeneratorKind, LatentNoise, Layer, ModelConfig, ModelVariant, Network, NoiseDistribution,
 * OutputActivation.
 */
@PublicApi({
    BatchNormLayers.class,
    Discriminator.class,
    Generator.class,
    GeneratorKind.class,
    LatentNoise.class,
    Layer.class,
    ModelConfig.class,
    ModelVariant.class,
    Network.class,
    NoiseDistribution.class,
    OutputActivation.class
})
package dcgan4j.model;

import dcgan4j.PublicApi;
