/**
 * Looking inside a trained pair, as the DCGAN paper does: what the discriminator responds to (its
 * filters, feature maps and saliency) and whether the generator copies its training images
 * (nearest neighbours in pixel and D-feature space, compared with unseen images), as tables and
 * captioned pictures.
 *
 * <p>Its API, the classes used outside the package: MemorizationCheck, NearestNeighbours,
 * NearestSheet, ProbeSheets.
 */
@PublicApi({MemorizationCheck.class, NearestNeighbours.class, NearestSheet.class, ProbeSheets.class})
package dcgan4j.inspect;

import dcgan4j.PublicApi;
