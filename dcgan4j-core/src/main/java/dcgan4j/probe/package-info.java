/**
 * D as a feature extractor learned without labels, measured as the DCGAN paper does (§5.1): a linear
 * classifier on D's pooled block outputs, trained on a few labelled images per class and measured on
 * the test split, beside raw pixels, an untrained D and a supervised network of D's architecture.
 *
 * <p>Its API, the classes used outside the package: DiscriminatorFeatures, LabelDraw, LinearSvm,
 * Probe, ProbeReport.
 */
@PublicApi({DiscriminatorFeatures.class, LabelDraw.class, LinearSvm.class, Probe.class, ProbeReport.class})
package dcgan4j.probe;

import dcgan4j.PublicApi;
