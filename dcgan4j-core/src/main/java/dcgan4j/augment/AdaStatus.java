package dcgan4j.augment;

/**
 * ADA's state after a step, as the run's outputs show it.
 *
 * @param p  the augmentation probability the next step uses
 * @param rt E[sign(D(x_real))] over the latest interval (0 before the first), which p steers to the target
 */
public record AdaStatus(double p, double rt) {}
