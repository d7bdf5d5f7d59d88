/**
 * Training a DCGAN into a run directory, or continuing one: the library's entry point. The loop
 * (package-private) takes one step per batch and hands each step to what this rank records; the
 * step, the settings, the outputs and the rank seam live in the subpackages.
 *
 * <p>Its API, the classes used outside the package: Trainer, TrainingDivergedException.
 */
@PublicApi({Trainer.class, TrainingDivergedException.class})
package dcgan4j.train;

import dcgan4j.PublicApi;
