/**
 * One DCGAN iteration (update D, then G), with the optimizers, fp16 loss scaling and the
 * moving average of G's weights around it; everything a step allocates is freed when it returns.
 * It exists apart from the loop so that benchmarks and studies can run the very step training runs.
 *
 * <p>Its API, the classes used outside the package: GanStep, GeneratorAverage, Optimizers,
 * StepMetrics.
 */
@PublicApi({GanStep.class, GeneratorAverage.class, Optimizers.class, StepMetrics.class})
package dcgan4j.train.step;

import dcgan4j.PublicApi;
