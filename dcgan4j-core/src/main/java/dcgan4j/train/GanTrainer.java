package dcgan4j.train;

import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.torch.OptimizerState;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Adam;
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
 */
public final class GanTrainer implements AutoCloseable {
    private final Generator generator;
    private final Discriminator discriminator;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final org.bytedeco.pytorch.Generator noiseRng;
    private static final String NET_G = "netG.";
    private static final String NET_D = "netD.";
    private static final String OPT_G = "optimizerG.";
    private static final String OPT_D = "optimizerD.";
    private static final String RNG_NOISE = "rng.noise";
    private static final String RNG_TORCH = "rng.torch";

    public GanTrainer(Generator generator, Discriminator discriminator, TrainConfig config) {
        this.generator = generator;
        this.discriminator = discriminator;
        this.optimizerG = Optimizers.adam(generator.parameters(), config.lrG(), config.beta1(), config.beta2());
        this.optimizerD = Optimizers.adam(discriminator.parameters(), config.lrD(), config.beta1(), config.beta2());
        this.noiseRng = LatentNoise.generator(config.seed());
        generator.train(true);
        discriminator.train(true);
    }

    /** Trains on one real batch (N, nc, H, W) scaled to [-1, 1]. */
    public StepMetrics step(Tensor real) {
        try (var scope = new PointerScope()) {
            Tensor noise = LatentNoise.sample(real.size(0), generator.config().nz(), noiseRng);
            Tensor fake = generator.forward(noise);       // (N, nc, H, W); its graph is kept for (2)
            double[] d = updateDiscriminator(real, fake);
            double[] g = updateGenerator(fake);
            return new StepMetrics(d[0], g[0], d[1], d[2], g[1]);
        }
    }

    /**
     * (1) Update D: maximize log(D(x)) + log(1 - D(G(z))).
     *
     * @return {Loss_D, D(x), D(G(z)) before the update}
     */
    double[] updateDiscriminator(Tensor real, Tensor fake) {
        optimizerD.zero_grad();
        Tensor outReal = discriminator.forward(real).view(-1);                 // (N) logits
        Tensor errReal = torch.binary_cross_entropy_with_logits(outReal, torch.ones_like(outReal));
        errReal.backward();
        Tensor outFake = discriminator.forward(fake.detach()).view(-1);        // no gradient reaches G
        Tensor errFake = torch.binary_cross_entropy_with_logits(outFake, torch.zeros_like(outFake));
        errFake.backward();
        optimizerD.step();
        return new double[] {
            errReal.item_float() + errFake.item_float(), meanProbability(outReal), meanProbability(outFake)
        };
    }

    /**
     * (2) Update G: maximize log(D(G(z))), the non-saturating loss.
     *
     * @return {Loss_G, D(G(z)) after D's update}
     */
    double[] updateGenerator(Tensor fake) {
        optimizerG.zero_grad();
        discriminator.requiresGrad(false);
        try {
            Tensor out = discriminator.forward(fake).view(-1);                  // D already updated in (1)
            Tensor errG = torch.binary_cross_entropy_with_logits(out, torch.ones_like(out));
            errG.backward();
            optimizerG.step();
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
        putPrefixed(state, OPT_G, OptimizerState.export(optimizerG));
        putPrefixed(state, OPT_D, OptimizerState.export(optimizerD));
        state.put(RNG_NOISE, noiseRng.get_state());
        state.put(RNG_TORCH, torch.getDefaultCPUGenerator().get_state());
        return state;
    }

    /** Puts a {@link #state()} back, so the next step is exactly the one that would have followed. */
    public void restore(Map<String, Tensor> state) {
        generator.loadStateDict(withPrefix(state, NET_G));
        discriminator.loadStateDict(withPrefix(state, NET_D));
        OptimizerState.restore(optimizerG, withPrefix(state, OPT_G));
        OptimizerState.restore(optimizerD, withPrefix(state, OPT_D));
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
