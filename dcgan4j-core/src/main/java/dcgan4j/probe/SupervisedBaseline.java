package dcgan4j.probe;

import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.ModelConfig;
import dcgan4j.torch.Device;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import dcgan4j.train.step.Optimizers;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The control a few-label result must beat: D's architecture, its real/fake logit replaced by a linear
 * layer to the classes, trained from scratch on the same labelled images and nothing else ({@link #RECIPE}).
 */
final class SupervisedBaseline implements AutoCloseable {
    static final double LR = 1e-3;
    static final int BATCH = 64;
    static final int PATIENCE = 10;
    static final int MAX_EPOCHS = 200;
    static final int MAX_STEPS = 3000;
    /** The share of each class's labelled images held out for early stopping (at least one). */
    static final double HELD_OUT = 0.2;

    static final String RECIPE = "D's blocks with DCGAN's init, then a linear layer to the classes (libtorch's init); "
            + "a fifth of each class's labelled images held out; Adam lr " + LR + ", betas (0.9, 0.999), batch "
            + BATCH + ", cross-entropy, no augmentation; after every epoch BatchNorm's statistics set to the averages "
            + "over the training images and the held-out loss measured, the best epoch's weights "
            + "kept, stopped after " + PATIENCE + " epochs without improvement or at " + MAX_EPOCHS + " epochs or "
            + MAX_STEPS + " steps";

    private final Discriminator net;
    private final LinearImpl head;
    private final Device device;

    /** A fresh network, its weights from {@code seed}. */
    SupervisedBaseline(ModelConfig architecture, int classes, Device device, long seed) {
        Torch.seed(seed);
        this.net = new Discriminator(architecture);
        long width;
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard()) {
            Tensor one = torch.zeros(1, architecture.channels(), architecture.imageSize(), architecture.imageSize());
            width = last(one).size(1);
        }
        this.head = new LinearImpl(width, classes);
        this.device = device;
        net.to(device);
        head.to(device.torchDevice(), false);
    }

    /** Trains on {@code labelled} images of {@code train} (class by class, as {@link LabelDraw} gives them). */
    void fit(ImageDataset train, int[] labelled, long seed) {
        int[][] parts = holdOut(train, labelled);
        int[] fit = parts[0];
        int[] held = parts[1];
        TensorVector parameters = new TensorVector();
        for (TensorVector group : new TensorVector[] {net.parameters(), head.parameters()}) {
            for (long i = 0; i < group.size(); i++) {
                parameters.push_back(group.get(i));
            }
        }
        EpochOrder order = new EpochOrder(fit.length, Math.min(BATCH, fit.length), seed, false);
        Map<String, Tensor> best = null;
        double bestLoss = Double.POSITIVE_INFINITY;
        int steps = 0;
        try (var adam = Optimizers.adam(parameters, LR, 0.9, 0.999)) {
            for (int epoch = 0, stale = 0; epoch < MAX_EPOCHS && stale < PATIENCE && steps < MAX_STEPS; epoch++) {
                int[] positions = order.permutation(epoch);
                int[] images = Arrays.stream(positions).map(p -> fit[p]).toArray();
                train(true);
                for (int b = 0; b < order.batchesPerEpoch() && steps < MAX_STEPS; b++, steps++) {
                    try (var scope = new PointerScope()) {
                        adam.zero_grad();
                        Tensor loss = torch.cross_entropy(
                                logits(train.batch(images, order.from(b), order.to(b), device)),
                                labels(train, images, order.from(b), order.to(b)));
                        loss.backward();
                        adam.step();
                    }
                }
                recomputeStatistics(train, fit);
                double heldLoss = meanLoss(train, held);
                stale = heldLoss < bestLoss ? 0 : stale + 1;
                if (heldLoss < bestLoss) {
                    bestLoss = heldLoss;
                    best = snapshot();
                }
            }
        }
        if (best != null) { // none when every held-out loss was NaN: the last weights are all there is
            restore(best);
        }
        train(false);
    }

    /** The share of {@code data} this network classifies right, in evaluation mode. */
    double accuracy(ImageDataset data) {
        int[] all = java.util.stream.IntStream.range(0, data.size()).toArray();
        long right = 0;
        train(false);
        try (var noGrad = new NoGradGuard()) {
            for (int from = 0; from < all.length; from += 500) {
                int to = Math.min(all.length, from + 500);
                try (var scope = new PointerScope()) {
                    Tensor predicted = logits(data.batch(all, from, to, device))
                            .argmax(new org.bytedeco.pytorch.LongOptional(1), false);
                    right += predicted.eq(labels(data, all, from, to)).sum().item_long();
                }
            }
        }
        return right / (double) data.size();
    }

    /** Per class, the last fifth (at least one) of its labelled images is held out: {fit, held out}. */
    static int[][] holdOut(ImageDataset train, int[] labelled) {
        int[] count = new int[train.classes()];
        Arrays.stream(labelled).forEach(i -> count[train.label(i)]++);
        int[] seen = new int[train.classes()];
        int[] isHeld = new int[labelled.length];
        for (int j = 0; j < labelled.length; j++) {
            int c = train.label(labelled[j]);
            int heldCount = Math.max(1, (int) Math.round(HELD_OUT * count[c]));
            isHeld[j] = seen[c]++ >= count[c] - heldCount ? 1 : 0;
        }
        int[] fit = java.util.stream.IntStream.range(0, labelled.length)
                .filter(j -> isHeld[j] == 0)
                .map(j -> labelled[j])
                .toArray();
        int[] held = java.util.stream.IntStream.range(0, labelled.length)
                .filter(j -> isHeld[j] == 1)
                .map(j -> labelled[j])
                .toArray();
        return new int[][] {fit, held};
    }

    /**
     * BatchNorm's running statistics set to the exact averages over the training images: with a few
     * steps per epoch and Adam moving the weights fast, the running averages lag behind them, and a
     * network evaluated with them can score at chance (seen: 13.7% on Fashion-MNIST with K = 10).
     */
    private void recomputeStatistics(ImageDataset data, int[] images) {
        net.recomputeBatchNormStatistics(() -> {
            for (int from = 0; from < images.length; from += 500) {
                try (var scope = new PointerScope()) {
                    net.blockOutputs(data.batch(images, from, Math.min(images.length, from + 500), device));
                }
            }
        });
    }

    private double meanLoss(ImageDataset data, int[] images) {
        train(false);
        double sum = 0;
        try (var noGrad = new NoGradGuard()) {
            for (int from = 0; from < images.length; from += 500) {
                int to = Math.min(images.length, from + 500);
                try (var scope = new PointerScope()) {
                    sum += torch.cross_entropy(
                                            logits(data.batch(images, from, to, device)),
                                            labels(data, images, from, to))
                                    .item_double()
                            * (to - from);
                }
            }
        }
        train(true);
        return sum / images.length;
    }

    private Tensor logits(Tensor images) {
        return head.forward(last(images));
    }

    /** The last block's maps, flattened: what D's logit layer would read. */
    private Tensor last(Tensor images) {
        var blocks = net.blockOutputs(images);
        return blocks.get(blocks.size() - 1).flatten(1, -1);
    }

    private Tensor labels(ImageDataset data, int[] images, int from, int to) {
        return Tensors.indices(data.labels(images, from, to)).to(device.torchDevice(), torch.ScalarType.Long);
    }

    private void train(boolean on) {
        net.train(on);
        head.train(on);
    }

    private Map<String, Tensor> snapshot() {
        Map<String, Tensor> copy = new LinkedHashMap<>();
        net.stateDict().forEach((name, t) -> copy.put("net." + name, t.detach().clone()));
        Tensors.ownHandles(head.named_parameters())
                .forEach((name, t) -> copy.put("head." + name, t.detach().clone()));
        return copy;
    }

    private void restore(Map<String, Tensor> saved) {
        try (var noGrad = new NoGradGuard()) {
            net.stateDict().forEach((name, t) -> t.copy_(saved.get("net." + name)));
            Tensors.ownHandles(head.named_parameters()).forEach((name, t) -> t.copy_(saved.get("head." + name)));
        }
    }

    @Override
    public void close() {
        net.close();
        head.close();
    }
}
