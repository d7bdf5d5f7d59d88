package dcgan4j.train.step;

import dcgan4j.augment.AdaStatus;
import dcgan4j.augment.Augmenter;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.model.OutputActivation;
import dcgan4j.run.Checkpoint;
import dcgan4j.torch.Device;
import dcgan4j.torch.NamedTensors;
import dcgan4j.torch.Precision;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.config.Tricks;
import dcgan4j.train.parallel.RankContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;

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
 *
 * <p>Device and precision stay out of it too: the networks live on the trainer's {@link Device} and
 * every tensor of the step is made there (noise is drawn on the CPU from its own generator, so a seed
 * gives the same z on every device, and moved); the forward passes run under the {@link Precision}'s
 * autocast, the losses on float32 logits. A step reads its metrics from the device once, at its end.
 *
 * <p>With {@link TrainConfig#ema()} above 0 the trainer also keeps a {@link GeneratorAverage}, moved
 * after each of G's optimizer steps and read by nothing in the iteration: the run samples from it
 * ({@link #samplingGenerator}), while D and G train exactly as without it.
 *
 * <p>With {@link TrainConfig#augmentation()} on, every image D sees in (1) and (2), real or fake, first
 * passes through an {@link Augmenter}; the fixed-noise grids, samples and evaluations never do, as they
 * are made from G outside the step. Without it nothing is drawn, so the step is exactly as before.
 */
public final class GanStep implements AutoCloseable {
    private final Generator generator;
    private final Discriminator discriminator;
    private final NetworkOptimizer optimizerG;
    private final NetworkOptimizer optimizerD;
    private final Tricks tricks;
    private final OutputActivation output;
    private final org.bytedeco.pytorch.Generator noiseRng;
    private final RankContext ranks;
    private final Device device;
    private final Precision precision;
    /** The averaged G the run samples from; null when {@link TrainConfig#ema()} is 0. */
    private final GeneratorAverage average;
    /** What D's inputs go through; null when {@link TrainConfig#augmentation()} is none. */
    private final Augmenter augmenter;
    /** Steps taken: the position of the decays (instance noise, learning rates). */
    private long steps;

    private static final String NET_G = "netG.";
    private static final String NET_D = Checkpoint.DISCRIMINATOR;
    public static final String NET_G_EMA = "netG_ema.";
    private static final String OPT_G = "optimizerG.";
    private static final String OPT_D = "optimizerD.";
    private static final String RNG_NOISE = "rng.noise";
    private static final String RNG_TORCH = "rng.torch";
    private static final String RNG_CUDA = "rng.cuda";

    /**
     * A trainer that moves both networks to the configuration's device and runs their forward passes
     * in its precision.
     */
    public GanStep(Generator generator, Discriminator discriminator, TrainConfig config) {
        this(generator, discriminator, config, RankContext.SINGLE);
    }

    /**
     * A trainer that is one of {@code ranks}' replicas: it starts from rank 0's weights, draws its
     * noise from seed + rank (each rank its own z), and steps on gradients averaged over all ranks.
     */
    public GanStep(Generator generator, Discriminator discriminator, TrainConfig config, RankContext ranks) {
        this.ranks = ranks;
        this.device = config.device();
        this.precision = config.precision();
        generator.to(device); // before the optimizers take the parameters
        discriminator.to(device);
        ranks.broadcastFromLeader(generator.stateDict().values());
        ranks.broadcastFromLeader(discriminator.stateDict().values());
        this.generator = generator;
        this.discriminator = discriminator;
        this.optimizerG = new NetworkOptimizer(
                generator.parameters(),
                config.lrG(),
                config.beta1(),
                config.beta2(),
                config.optimizerG(),
                lossScale(config.precision()));
        this.optimizerD = new NetworkOptimizer(
                discriminator.parameters(),
                config.lrD(),
                config.beta1(),
                config.beta2(),
                config.optimizerD(),
                lossScale(config.precision()));
        this.tricks = config.tricks();
        this.output = generator.config().variant().output();
        this.noiseRng = LatentNoise.generator(config.seed() + ranks.rank());
        this.average = config.ema() > 0 ? new GeneratorAverage(generator, config.ema(), config.seed()) : null;
        this.augmenter = config.augmentation().enabled()
                ? new Augmenter(config.augmentation(), config.seed() + ranks.rank())
                : null;
        generator.train(true);
        discriminator.train(true);
    }

    private static LossScale lossScale(Precision precision) {
        return precision.scalesLoss() ? LossScale.dynamic() : LossScale.off();
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
            Tensor images = output.fromImages(real); // D sees reals in G's output range
            Tensor[] d = null;
            Tensor fake = null;
            for (int k = 0; k < tricks.discriminatorSteps(); k++) { // (1) update D (the paper: once)
                Tensor noise = LatentNoise.sample(real.size(0), generator.config(), noiseRng);
                try (var autocast = precision.autocast(device)) {
                    fake = generator.forward(noise, labels); // (N, nc, H, W); the last one's graph is kept for (2)
                }
                d = updateDiscriminator(images, fake, labels, steps * tricks.discriminatorSteps() + k);
            }
            Tensor[] g = updateGenerator(fake, labels); // (2) update G
            steps++;
            var metrics = StepMetrics.read(d[0], d[1], g[0], d[2], d[3], g[1]); // the step's one wait on the device
            if (augmenter != null) {
                augmenter.stepDone(ranks::sum);
            }
            return metrics;
        }
    }

    /**
     * (1) Update D: maximize log(D(x)) + log(1 - D(G(z))).
     *
     * @return {loss on the reals, loss on the fakes, D(x), D(G(z)) before the update}, 0-dim, on the device
     */
    Tensor[] updateDiscriminator(Tensor real, Tensor fake, Tensor labels, long update) {
        optimizerD.zeroGrad();
        Tensor outReal = logits(real, labels); // (N)
        if (augmenter != null) {
            augmenter.observe(outReal);
        }
        Tensor errReal = torch.binary_cross_entropy_with_logits(outReal, tricks.realTargets(outReal)); // paper: 1
        optimizerD.backward(errReal);
        Tensor outFake = logits(fake.detach(), labels); // no gradient to G
        Tensor errFake = torch.binary_cross_entropy_with_logits(outFake, tricks.fakeTargets(outFake)); // paper: 0
        optimizerD.backward(errFake);
        ranks.syncGradients(discriminator.parameters());
        optimizerD.step(update);
        return new Tensor[] {errReal, errFake, meanProbability(outReal), meanProbability(outFake)};
    }

    /**
     * (2) Update G: maximize log(D(G(z))), the non-saturating loss.
     *
     * @return {Loss_G, D(G(z)) after D's update}, 0-dim, on the device
     */
    Tensor[] updateGenerator(Tensor fake, Tensor labels) {
        optimizerG.zeroGrad();
        discriminator.requiresGrad(false);
        try {
            Tensor out = logits(fake, labels); // D already updated in (1)
            Tensor errG = torch.binary_cross_entropy_with_logits(out, torch.ones_like(out));
            optimizerG.backward(errG);
            ranks.syncGradients(generator.parameters());
            optimizerG.step(steps);
            if (average != null) {
                average.update(steps);
            }
            return new Tensor[] {errG, meanProbability(out)};
        } finally {
            discriminator.requiresGrad(true);
        }
    }

    /**
     * D's logits (N) for the images it sees at this step, in float32: the forward pass under autocast,
     * the loss after it in full precision (a no-op cast in fp32).
     */
    private Tensor logits(Tensor images, Tensor labels) {
        Tensor seen = augmenter == null ? images : augmenter.apply(images);
        try (var autocast = precision.autocast(device)) {
            return discriminator
                    .forward(tricks.noisy(seen, steps), labels)
                    .view(-1)
                    .to(ScalarType.Float);
        }
    }

    /**
     * Everything that decides the steps to come, as named CPU tensors: both networks' weights and
     * BatchNorm buffers ({@code netG.*}, {@code netD.*}, PyTorch names), the averaged G's
     * ({@code netG_ema.*}, when there is one), both optimizers' states
     * ({@code optimizerG.*}, {@code optimizerD.*}) and the random generators' states ({@code rng.*}:
     * the noise generator, libtorch's default CPU generator and, on a GPU, the device's default
     * generator, which dropout, instance noise and label flips draw from there), and when the run
     * augments, the {@link Augmenter}'s entries.
     */
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        NamedTensors.putPrefixed(state, NET_G, generator.stateDict());
        NamedTensors.putPrefixed(state, NET_D, discriminator.stateDict());
        if (average != null) {
            NamedTensors.putPrefixed(state, NET_G_EMA, average.stateDict());
        }
        NamedTensors.putPrefixed(state, OPT_G, optimizerG.state());
        NamedTensors.putPrefixed(state, OPT_D, optimizerD.state());
        state.put(RNG_NOISE, noiseRng.get_state());
        state.put(RNG_TORCH, torch.getDefaultCPUGenerator().get_state());
        if (device.cuda()) {
            state.put(RNG_CUDA, deviceGenerator().get_state());
        }
        if (augmenter != null) {
            state.putAll(augmenter.state());
        }
        state.replaceAll((name, t) -> t.cpu());
        return state;
    }

    private org.bytedeco.pytorch.Generator deviceGenerator() {
        return torch.globalContext().defaultGenerator(device.torchDevice());
    }

    /**
     * Puts a {@link #state()} back, so the next step is exactly the one that would have followed.
     *
     * @param stepsTaken the steps taken when the state was saved (the checkpoint's step)
     */
    public void restore(Map<String, Tensor> state, long stepsTaken) {
        generator.loadStateDict(NamedTensors.withPrefix(state, NET_G));
        discriminator.loadStateDict(NamedTensors.withPrefix(state, NET_D));
        if (average != null) {
            average.load(NamedTensors.withPrefix(state, NET_G_EMA));
        }
        optimizerG.restore(NamedTensors.withPrefix(state, OPT_G));
        optimizerD.restore(NamedTensors.withPrefix(state, OPT_D));
        steps = stepsTaken;
        noiseRng.set_state(NamedTensors.required(state, RNG_NOISE));
        torch.getDefaultCPUGenerator().set_state(NamedTensors.required(state, RNG_TORCH));
        if (device.cuda() && state.containsKey(RNG_CUDA)) { // a CPU checkpoint on a GPU: its draws start anew
            deviceGenerator().set_state(state.get(RNG_CUDA));
        }
        if (augmenter != null) {
            augmenter.restore(state);
        }
    }

    /**
     * Continues from a checkpoint's state, this rank's part of it ({@code from} null: a new run).
     *
     * @return this
     */
    public GanStep restore(Checkpoint from, RankContext ranks) {
        if (from != null) {
            restore(ranks.forThisRank(from.tensors()), from.step());
        }
        return this;
    }

    /** G's and D's learning rates of the latest step: {lrG, lrD}. */
    public double[] learningRates() {
        return new double[] {optimizerG.learningRate(), optimizerD.learningRate()};
    }

    public Generator generator() {
        return generator;
    }

    /**
     * The generator to sample from: the averaged one, its BatchNorm statistics recomputed (about two
     * training steps' time at 64×64), when the run keeps one; else G itself.
     */
    public Generator samplingGenerator() {
        return average == null ? generator : average.forSampling();
    }

    /** Whether the run keeps an averaged G ({@link TrainConfig#ema()} above 0). */
    public boolean averages() {
        return average != null;
    }

    /** ADA's p and r_t after the latest step; null unless the run augments with ADA. */
    public AdaStatus adaStatus() {
        return augmenter == null ? null : augmenter.status();
    }

    public Discriminator discriminator() {
        return discriminator;
    }

    /** The device the networks train on. */
    public Device device() {
        return device;
    }

    public Precision precision() {
        return precision;
    }

    private static Tensor meanProbability(Tensor logits) {
        return logits.detach().sigmoid().mean();
    }

    @Override
    public void close() {
        optimizerG.close();
        optimizerD.close();
        noiseRng.close();
        if (augmenter != null) {
            augmenter.close();
        }
        if (average != null) {
            average.close();
        }
    }
}
