package dcgan4j.train;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.OutputActivation;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One DCGAN iteration as in the paper and pytorch/examples dcgan: (1) update D on a real batch
 * (target 1) and a detached fake batch (target 0) with one optimizer step; (2) update G so that D
 * labels the same fakes real.
 *
 * <p>Each {@link #step} runs in its own {@link PointerScope}: every tensor made during the step is
 * freed when it returns, and the metrics are read out before that. While G learns, D's parameters do
 * not track gradients, so D's weights and gradients are untouched by step (2) and no time is spent
 * on gradients nobody uses.
 *
 * <p>The variants stay out of this outline: {@link Tricks} supplies D's targets and inputs (the paper's
 * when there are none), {@link NetworkOptimizer} clipping and decay, the networks their class
 * conditioning; {@code dSteps > 1} repeats (1) with fresh noise before (2).
 */
public final class GanTrainer implements AutoCloseable {
    private final Generator generator;
    private final Discriminator discriminator;
    private final NetworkOptimizer optimizerG;
    private final NetworkOptimizer optimizerD;
    private final Tricks tricks;
    private final OutputActivation output;
    private final org.bytedeco.pytorch.Generator noiseRng;
    /** Steps taken: the position of the decays (instance noise, learning rates). */
    private long steps;
    private static final String NET_G = "netG.";
    private static final String NET_D = "netD.";
    private static final String OPT_G = "optimizerG.";
    private static final String OPT_D = "optimizerD.";
    private static final String RNG_NOISE = "rng.noise";
    private static final String RNG_TORCH = "rng.torch";

    public GanTrainer(Generator generator, Discriminator discriminator, TrainConfig config) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.optimizerG = new NetworkOptimizer(generator.parameters(), config.lrG(), config.beta1(), config.beta2(),
                config.optimizerG());
        this.optimizerD = new NetworkOptimizer(discriminator.parameters(), config.lrD(), config.beta1(), config.beta2(),
                config.optimizerD());
        this.tricks = config.tricks();
        this.output = generator.config().variant().output();
        this.noiseRng = LatentNoise.generator(config.seed());
        generator.train(true);
        discriminator.train(true);
    }

    /** Trains on one real batch (N, nc, H, W) scaled to [-1, 1] (an unconditional model). */
    public StepMetrics step(Tensor real) {
        return step(real, null);
    }

    /**
     * Trains on one real batch (N, nc, H, W) scaled to [-1, 1]; a conditional model also needs its
     * labels (N, int64), and its fakes are made for the same labels.
     */
    public StepMetrics step(Tensor real, Tensor labels) {
        try (var scope = new PointerScope()) {
            Tensor images = output.fromImages(real);       // D sees reals in G's output range
            double[] d = null;
            Tensor fake = null;
            for (int k = 0; k < tricks.discriminatorSteps(); k++) {     // (1) update D (the paper: once)
                Tensor noise = LatentNoise.sample(real.size(0), generator.config(), noiseRng);
                fake = generator.forward(noise, labels);   // (N, nc, H, W); the last one's graph is kept for (2)
                d = updateDiscriminator(images, fake, labels, steps * tricks.discriminatorSteps() + k);
            }
            double[] g = updateGenerator(fake, labels);                   // (2) update G
            steps++;
            return new StepMetrics(d[0], g[0], d[1], d[2], g[1]);
        }
    }

    /**
     * (1) Update D: maximize log(D(x)) + log(1 - D(G(z))).
     *
     * @return {Loss_D, D(x), D(G(z)) before the update}
     */
    double[] updateDiscriminator(Tensor real, Tensor fake, Tensor labels, long update) {
        optimizerD.zeroGrad();
        Tensor outReal = discriminator.forward(tricks.noisy(real, steps), labels).view(-1);          // (N) logits
        Tensor errReal = torch.binary_cross_entropy_with_logits(outReal, tricks.realTargets(outReal)); // paper: 1
        errReal.backward();
        Tensor outFake = discriminator.forward(tricks.noisy(fake.detach(), steps), labels).view(-1); // no gradient to G
        Tensor errFake = torch.binary_cross_entropy_with_logits(outFake, tricks.fakeTargets(outFake)); // paper: 0
        errFake.backward();
        optimizerD.step(update);
        return new double[] {
            errReal.item_float() + errFake.item_float(), meanProbability(outReal), meanProbability(outFake)
        };
    }

    /**
     * (2) Update G: maximize log(D(G(z))), the non-saturating loss.
     *
     * @return {Loss_G, D(G(z)) after D's update}
     */
    double[] updateGenerator(Tensor fake, Tensor labels) {
        optimizerG.zeroGrad();
        discriminator.requiresGrad(false);
        try {
            Tensor out = discriminator.forward(tricks.noisy(fake, steps), labels).view(-1);   // D already updated in (1)
            Tensor errG = torch.binary_cross_entropy_with_logits(out, torch.ones_like(out));
            errG.backward();
            optimizerG.step(steps);
            return new double[] {errG.item_float(), meanProbability(out)};
        } finally {
            discriminator.requiresGrad(true);
        }
    }

    /**
     * Everything that decides the steps to come, as named CPU tensors: both networks' weights and
     * BatchNorm buffers ({@code netG.*}, {@code netD.*}, PyTorch names), both optimizers' states
     * ({@code optimizerG.*}, {@code optimizerD.*}) and the random generators' states ({@code rng.*}).
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        putPrefixed(state, NET_G, generator.stateDict());
        putPrefixed(state, NET_D, discriminator.stateDict());
        putPrefixed(state, OPT_G, optimizerG.state());
        putPrefixed(state, OPT_D, optimizerD.state());
        state.put(RNG_NOISE, noiseRng.get_state());
        state.put(RNG_TORCH, torch.getDefaultCPUGenerator().get_state());
        return state;
    }

    /**
     * Puts a {@link #state()} back, so the next step is exactly the one that would have followed.
     *
     * @param stepsTaken the steps taken when the state was saved (the checkpoint's step)
     */
    public void restore(Map<String, Tensor> state, long stepsTaken) {
        generator.loadStateDict(withPrefix(state, NET_G));
        discriminator.loadStateDict(withPrefix(state, NET_D));
        optimizerG.restore(withPrefix(state, OPT_G));
        optimizerD.restore(withPrefix(state, OPT_D));
        steps = stepsTaken;
        noiseRng.set_state(required(state, RNG_NOISE));
        torch.getDefaultCPUGenerator().set_state(required(state, RNG_TORCH));
    }

    private static void putPrefixed(Map<String, Tensor> into, String prefix, Map<String, Tensor> tensors) {
        tensors.forEach((name, t) -> into.put(prefix + name, t));
    }

    private static Map<String, Tensor> withPrefix(Map<String, Tensor> state, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }

    private static Tensor required(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the saved training state has no " + name);
        }
        return t;
    }

    /** G's and D's learning rates of the latest step: {lrG, lrD}. */
    public double[] learningRates() {
        return new double[] {optimizerG.learningRate(), optimizerD.learningRate()};
    }

    public Generator generator() {
        return generator;
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    private static double meanProbability(Tensor logits) {
        return logits.detach().sigmoid().mean().item_float();
    }

    @Override
    public void close() {
        optimizerG.close();
        optimizerD.close();
        noiseRng.close();
    }
}
