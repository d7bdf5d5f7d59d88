/**
 * The rank seam: where a run sits among data-parallel replicas and the few exchanges that keep
 * them identical. A run of its own is one implementation; dcgan4j.dist provides the distributed one,
 * so that training depends on no process group.
 *
 * <p>Its API, the classes used outside the package: RankContext.
 */
@PublicApi({RankContext.class})
package dcgan4j.train.parallel;

import dcgan4j.PublicApi;
