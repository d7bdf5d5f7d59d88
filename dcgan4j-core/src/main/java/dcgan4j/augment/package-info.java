/**
 * What D sees of the images when data are few: DiffAugment's fixed random transforms or ADA's, applied
 * with a probability steered by D's overfitting, to real and fake images alike, differentiably so that
 * G learns through them. Never to what a run samples or measures.
 *
 * <p>Its API, the classes used outside the package: AdaStatus, Augmentation, Augmenter.
 */
@PublicApi({AdaStatus.class, Augmentation.class, Augmenter.class})
package dcgan4j.augment;

import dcgan4j.PublicApi;
