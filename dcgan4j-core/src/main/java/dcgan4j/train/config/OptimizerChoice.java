package dcgan4j.train.config;

/**
 * Which optimizer trains a network and what is added around its step. The learning rates and Adam's
 * betas are {@link TrainConfig}'s; this is the rest.
 *
 * @param kind      {@code ADAM} (the paper's) or {@code RMSPROP} (the Keras MNIST article's: ρ 0.9, ε 1e-7)
 * @param clipValue clip every gradient element to [-clipValue, clipValue] before the step (libtorch's
 *                  {@code clip_grad_value_}; the article: 1.0); 0 = no clipping
 * @param decay     Keras' time-based decay: update t uses lr / (1 + decay · t) (the article: 6e-8 for D,
 *                  3e-8 for G); 0 = a constant learning rate
 */
public record OptimizerChoice(Kind kind, double clipValue, double decay) {
    public enum Kind {
        ADAM,
        RMSPROP
    }

    /** The paper's: plain Adam. */
    public static final OptimizerChoice ADAM = new OptimizerChoice(Kind.ADAM, 0, 0);

    public OptimizerChoice {
        if (!(clipValue >= 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("gradient clip value must be >= 0 (0 = off), got " + clipValue);
        }
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("learning rate decay must be >= 0 (0 = off), got " + decay);
        }
    }
}
