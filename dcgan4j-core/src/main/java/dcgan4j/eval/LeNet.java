package dcgan4j.eval;

import static dcgan4j.torch.Tensors.longs;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.ConvShape;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.io.Safetensors;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.step.Optimizers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small LeNet-like classifier of 28×28 grey images (two 5×5 convolutions with max pooling, a
 * 128-unit hidden layer, 10 classes): what the Inception network is for ImageNet-like images, for
 * MNIST-type data. Its 128 hidden units are the features for FID, KID and precision/recall; its
 * class predictions give mode coverage. An ImageNet network is a poor judge of 28×28 digits, which is
 * why the MNIST GAN literature uses a classifier trained on the data itself.
 */
public final class LeNet implements FeatureNetwork {
    private static final Logger LOG = LoggerFactory.getLogger(LeNet.class);
    public static final int SIDE = 28;
    public static final int FEATURES = 128;
    private static final int BATCH = 64;
    private static final double LR = 1e-3;

    /** What {@link #fit} does, for the metadata of the networks it trains. */
    public static final String RECIPE = "LeNet 1x28x28: conv 5x5 32 (pad 2), ReLU, max-pool 2; conv 5x5 64, ReLU, "
            + "max-pool 2; linear 1600-128, ReLU (the features); linear 128-10; libtorch's default init; "
            + "Adam lr 1e-3, betas (0.9, 0.999); cross-entropy; batch " + BATCH + ", reshuffled each epoch";

    private static final ConvShape CONV1 = ConvShape.conv(1, 32, 5, 1, 2, SIDE, true);
    private static final ConvShape CONV2 = ConvShape.conv(32, 64, 5, 1, 0, SIDE / 2, true);

    private final String name;
    private final Module root = new Module("LeNet");
    private final Conv2dImpl conv1;
    private final Conv2dImpl conv2;
    private final LinearImpl hidden;
    private final LinearImpl head;
    private final int classes;

    /** A freshly initialised network (libtorch's default init, from the global generator). */
    public LeNet(String name, int classes) {
        Torch.load();
        this.name = name;
        this.classes = classes;
        conv1 = conv(CONV1);
        conv2 = conv(CONV2);
        hidden = new LinearImpl(64 * 5 * 5, FEATURES);
        head = new LinearImpl(FEATURES, classes);
        root.register_module("conv1", conv1);
        root.register_module("conv2", conv2);
        root.register_module("hidden", hidden);
        root.register_module("head", head);
    }

    private static Conv2dImpl conv(ConvShape shape) {
        var options = new Conv2dOptions(shape.in(), shape.out(), longs(shape.kernel(), shape.kernel()));
        options.padding().put(longs(shape.padding(), shape.padding()));
        return new Conv2dImpl(options);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** Its convolutions are computed by the kernels checked on this machine, as G's and D's are. */
    @Override
    public Tensor features(Tensor images) {
        ConvRoutes routes = ConvRoutes.standard();
        Tensor x = routes.apply(CONV1, prepare(images), conv1.weight(), conv1.bias()); // (N, 32, 28, 28)
        x = torch.max_pool2d(torch.relu(x), 2, 2); // (N, 32, 14, 14)
        x = torch.max_pool2d(torch.relu(routes.apply(CONV2, x, conv2.weight(), conv2.bias())), 2, 2); // (N, 64, 5, 5)
        return torch.relu(hidden.forward(x.flatten(1, -1))); // (N, 128)
    }

    @Override
    public Tensor logits(Tensor images) {
        return head.forward(features(images));
    }

    /** Grey, 28×28: colour images become their channel mean, other sides are resized. */
    private static Tensor prepare(Tensor images) {
        Tensor x = images.size(1) == 1
                ? images
                : images.mean(new long[] {1}, true, new org.bytedeco.pytorch.ScalarTypeOptional());
        return x.size(2) == SIDE && x.size(3) == SIDE ? x : Tensors.resize(x, SIDE);
    }

    /**
     * Trains with Adam (lr 1e-3) and cross-entropy on a labelled dataset in batches of 64, shuffled
     * from {@code seed}; {@code progress} hears of every batch.
     *
     * <p>It trains on one libtorch thread, whatever the process uses otherwise. The weights then
     * depend on the seed alone, not on the thread count (with two threads they differ, with one they
     * repeat bit for bit), and this small network gains little from more threads: on a shared
     * machine, where OpenMP's waiting threads spin, one thread was 2–4 times faster than two.
     */
    public void fit(ImageDataset data, int epochs, long seed, FitProgress progress) {
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try {
            fitOnThisThread(data, epochs, seed, progress);
        } finally {
            torch.set_num_threads(threads);
        }
    }

    private void fitOnThisThread(ImageDataset data, int epochs, long seed, FitProgress progress) {
        root.train(true);
        EpochOrder order = new EpochOrder(data.size(), BATCH, seed, true);
        long total = (long) epochs * order.batchesPerEpoch();
        try (var adam = Optimizers.adam(root.parameters(), LR, 0.9, 0.999)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                int[] permutation = order.permutation(epoch);
                double lossSum = 0;
                for (int b = 0; b < order.batchesPerEpoch(); b++) {
                    try (var scope = new PointerScope()) {
                        Tensor images = data.batch(permutation, order.from(b), order.to(b));
                        adam.zero_grad();
                        Tensor loss = torch.cross_entropy(
                                logits(images), labels(data, permutation, order.from(b), order.to(b)));
                        loss.backward();
                        adam.step();
                        lossSum += loss.item_double();
                    }
                    progress.batchDone((long) epoch * order.batchesPerEpoch() + b + 1, total, epoch + 1);
                }
                LOG.info(
                        "{}: epoch {}/{}, mean loss {}",
                        name,
                        epoch + 1,
                        epochs,
                        String.format(java.util.Locale.ROOT, "%.4f", lossSum / order.batchesPerEpoch()));
            }
        }
        root.train(false);
    }

    /** The share of {@code data} classified correctly. */
    public double accuracy(ImageDataset data) {
        int[] all = new int[data.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        long correct = 0;
        try (var noGrad = new NoGradGuard()) {
            for (int from = 0; from < all.length; from += 500) {
                int to = Math.min(all.length, from + 500);
                try (var scope = new PointerScope()) {
                    Tensor predicted =
                            logits(data.batch(all, from, to)).argmax(new org.bytedeco.pytorch.LongOptional(1), false);
                    correct += predicted.eq(labels(data, all, from, to)).sum().item_long();
                }
            }
        }
        return correct / (double) data.size();
    }

    private static Tensor labels(ImageDataset data, int[] indices, int from, int to) {
        return Tensors.indices(data.labels(indices, from, to));
    }

    /** Saves the weights with {@code metadata} (e.g. the test accuracy). */
    public void save(Path file, Map<String, String> metadata) throws IOException {
        Map<String, Tensor> state = new LinkedHashMap<>(Tensors.ownHandles(root.named_parameters()));
        Safetensors.write(file, state, metadata);
    }

    /** Loads weights saved by {@link #save}; returns the file's metadata. */
    public Map<String, String> load(Path file) throws IOException {
        return load(Safetensors.read(file), file.toString());
    }

    /** Takes the weights of a file already read; {@code file} names it in errors. */
    public Map<String, String> load(Safetensors.Contents contents, String file) throws IOException {
        Map<String, Tensor> state = Tensors.ownHandles(root.named_parameters());
        try (var noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                Tensor saved = contents.tensors().get(e.getKey());
                if (saved == null || !saved.is_same_size(e.getValue())) {
                    throw new IOException(file + " is not a " + name + " classifier (tensor " + e.getKey() + ")");
                }
                e.getValue().copy_(saved);
            }
        }
        root.train(false);
        return contents.metadata();
    }

    @Override
    public void close() {
        root.close();
    }
}
