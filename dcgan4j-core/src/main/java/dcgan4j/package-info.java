/**
 * dcgan4j-core, the library: DCGANs on libtorch, from data to trained, evaluated and inspected
 * models. Each subpackage has one concern and declares its API (the classes a library user or
 * another package uses) with {@link dcgan4j.PublicApi} in its package-info; everything else is
 * package-private. This package holds only that annotation, PublicApi.
 */
@PublicApi(PublicApi.class)
package dcgan4j;
