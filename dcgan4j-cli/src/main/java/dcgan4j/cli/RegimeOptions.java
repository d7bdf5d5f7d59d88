package dcgan4j.cli;

import dcgan4j.train.config.OptimizerChoice;
import dcgan4j.train.config.Tricks;
import picocli.CommandLine.Option;

/**
 * How G and D are optimised and what is added to the paper's iteration ({@link OptimizerChoice},
 * {@link Tricks}); Adam and no tricks by default.
 */
final class RegimeOptions {
    private static final OptimizerChoice A = OptimizerChoice.ADAM;
    private static final Tricks T = Tricks.NONE;

    @Option(names = "--optimizer-g", paramLabel = "OPT", description = "G's optimizer: adam or rmsprop (default: adam)")
    OptimizerChoice.Kind optimizerG = A.kind();

    @Option(names = "--optimizer-d", paramLabel = "OPT", description = "D's optimizer: adam or rmsprop (default: adam)")
    OptimizerChoice.Kind optimizerD = A.kind();

    @Option(
            names = "--clip-g",
            paramLabel = "VALUE",
            description = "clip G's gradients to [-VALUE, VALUE] before each step; 0 = off (default: ${DEFAULT-VALUE})")
    double clipG = A.clipValue();

    @Option(
            names = "--clip-d",
            paramLabel = "VALUE",
            description = "clip D's gradients to [-VALUE, VALUE] before each step; 0 = off (default: ${DEFAULT-VALUE})")
    double clipD = A.clipValue();

    @Option(
            names = "--decay-g",
            paramLabel = "D",
            description =
                    "Keras time-based decay of G's learning rate, lr / (1 + D * t); 0 = off (default: ${DEFAULT-VALUE})")
    double decayG = A.decay();

    @Option(
            names = "--decay-d",
            paramLabel = "D",
            description =
                    "Keras time-based decay of D's learning rate, lr / (1 + D * t); 0 = off (default: ${DEFAULT-VALUE})")
    double decayD = A.decay();

    @Option(
            names = "--real-label",
            paramLabel = "Y",
            description = "D's target for real images; 0.9 is one-sided label smoothing (default: ${DEFAULT-VALUE})")
    double realLabel = T.realLabel();

    @Option(
            names = "--flip-labels",
            paramLabel = "P",
            description = "probability that an image's target in D's update is swapped (default: ${DEFAULT-VALUE})")
    double flipLabels = T.flipProbability();

    @Option(
            names = "--d-steps",
            paramLabel = "K",
            description =
                    "D updates per G update, on the step's real batch with fresh noise (default: ${DEFAULT-VALUE})")
    int dSteps = T.discriminatorSteps();

    @Option(
            names = "--instance-noise",
            paramLabel = "SIGMA",
            description = "Gaussian noise of this sigma on every image D sees, decaying linearly to 0; 0 = off "
                    + "(default: ${DEFAULT-VALUE})")
    double instanceNoise = T.instanceNoise();

    @Option(
            names = "--instance-noise-steps",
            paramLabel = "N",
            description = "steps over which the instance noise decays to 0 (default: ${DEFAULT-VALUE})")
    int instanceNoiseSteps = T.instanceNoiseSteps();
}
