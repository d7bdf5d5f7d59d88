/**
 * How good a generator is: FID, KID, improved precision/recall and class statistics of generated
 * against real images, compared through a feature network (LeNet classifiers for MNIST-type data,
 * shipped or trained once and cached; the FID Inception-v3 for colour images). It exists so that
 * training (every few steps) and the command line (dcgan evaluate) measure the same way.
 *
 * <p>Its API, the classes used outside the package: ClassStatistics, Classifiers, EvaluationReport,
 * Evaluator, FeatureNetwork, FitProgress, InceptionFeatures, LeNet.
 */
@PublicApi({
    ClassStatistics.class,
    Classifiers.class,
    EvaluationReport.class,
    Evaluator.class,
    FeatureNetwork.class,
    FitProgress.class,
    InceptionFeatures.class,
    LeNet.class
})
package dcgan4j.eval;

import dcgan4j.PublicApi;
