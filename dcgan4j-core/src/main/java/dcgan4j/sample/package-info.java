/**
 * Pictures from a trained generator: sampling with fixed seeds, grids and captioned sheets, class
 * rows of a conditional generator, latent walks and vector arithmetic (the DCGAN paper's section 6),
 * animated GIFs and sample files for other tools, and a plain-Java entry point for library users.
 *
 * <p>Its API, the classes used outside the package: AnimatedGif, ArithmeticSheet, CaptionedGrid,
 * ClassSamples, ImageGrid, LatentArithmetic, LatentFile, LatentWalk, SampleSets, Sampler,
 * TrainedGenerator.
 */
@PublicApi({
    AnimatedGif.class,
    ArithmeticSheet.class,
    CaptionedGrid.class,
    ClassSamples.class,
    ImageGrid.class,
    LatentArithmetic.class,
    LatentFile.class,
    LatentWalk.class,
    SampleSets.class,
    Sampler.class,
    TrainedGenerator.class
})
package dcgan4j.sample;

import dcgan4j.PublicApi;
