/**
 * The settings of a training run: one immutable, validated value with the paper's defaults, each
 * setting named once (builder, record, YAML key, command-line option), and stored with every
 * checkpoint so that a resumed run trains as it began.
 *
 * <p>Its API, the classes used outside the package: OptimizerChoice, TrainConfig, Tricks.
 */
@PublicApi({OptimizerChoice.class, TrainConfig.class, Tricks.class})
package dcgan4j.train.config;

import dcgan4j.PublicApi;
