package dcgan4j.train.config;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * The training tricks practitioners add to the paper's iteration ({@link #NONE}: none of them, and then
 * nothing here draws a random number, so the paper's runs stay exactly what they were). Random draws
 * (label flips, instance noise) come from libtorch's default generator, which checkpoints keep.
 *
 * @param realLabel          D's target for real images; below 1 is one-sided label smoothing (e.g. 0.9);
 *                           G's target stays 1
 * @param flipProbability    chance that an image's target in D's update is swapped (real → 0, fake → realLabel)
 * @param discriminatorSteps D updates per G update; each sees the step's real batch and fresh noise
 * @param instanceNoise      σ of Gaussian noise added to every image D sees, at step 0 (0 = off)
 * @param instanceNoiseSteps steps over which that σ decays linearly to 0
 */
public record Tricks(
        double realLabel,
        double flipProbability,
        int discriminatorSteps,
        double instanceNoise,
        int instanceNoiseSteps) {
    public static final Tricks NONE = new Tricks(1.0, 0, 1, 0, 5000);

    public Tricks {
        if (!(realLabel > 0.5 && realLabel <= 1)) {
            throw new IllegalArgumentException("real label must be in (0.5, 1], got " + realLabel);
        }
        if (!(flipProbability >= 0 && flipProbability < 0.5)) {
            throw new IllegalArgumentException("label flip probability must be in [0, 0.5), got " + flipProbability);
        }
        if (discriminatorSteps < 1) {
            throw new IllegalArgumentException(
                    "discriminator steps per generator step must be at least 1, got " + discriminatorSteps);
        }
        if (!(instanceNoise >= 0) || Double.isInfinite(instanceNoise)) {
            throw new IllegalArgumentException("instance noise must be >= 0 (0 = off), got " + instanceNoise);
        }
        if (instanceNoiseSteps < 1) {
            throw new IllegalArgumentException("instance noise steps must be positive, got " + instanceNoiseSteps);
        }
    }

    /** D's targets for real images' logits (N). */
    public Tensor realTargets(Tensor logits) {
        return targets(logits, realLabel, 0);
    }

    /** D's targets for fake images' logits (N). */
    public Tensor fakeTargets(Tensor logits) {
        return targets(logits, 0, realLabel);
    }

    /** The images D sees at step {@code step} (0-based): with instance noise of the decayed σ, if any. */
    public Tensor noisy(Tensor images, long step) {
        double sigma = instanceNoise * Math.max(0, 1 - step / (double) instanceNoiseSteps);
        if (sigma == 0) {
            return images;
        }
        return images.add(torch.randn_like(images).mul(new Scalar(sigma)));
    }

    private Tensor targets(Tensor logits, double label, double flipped) {
        Tensor target = torch.full_like(logits, new Scalar(label));
        if (flipProbability == 0) {
            return target;
        }
        Tensor flip = torch.rand_like(logits).lt(new Scalar(flipProbability)).to(ScalarType.Float);
        return target.add(flip.mul(new Scalar(flipped - label)));
    }
}
