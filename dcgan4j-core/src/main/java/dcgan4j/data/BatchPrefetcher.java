package dcgan4j.data;

import dcgan4j.torch.Device;
import dcgan4j.torch.Tensors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.pytorch.Tensor;

/**
 * Assembles the next batch on a background thread while the current step trains, so the step never
 * waits for data. The background work is plain Java ({@link ImageDataset#gather}: uint8 pixels); on
 * the caller's thread, inside the caller's {@code PointerScope}, the pixels become a tensor, go to the
 * training device as uint8 and are scaled to [-1, 1] there.
 */
public final class BatchPrefetcher implements AutoCloseable {
    /**
     * A batch on the training device: images (N, C, H, W) in [-1, 1] and, for labelled data, their
     * classes (N, int64), else null.
     */
    public record Batch(Tensor images, Tensor labels) {}

    private final ImageDataset data;
    private final EpochOrder order;
    private final Device device;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dcgan-prefetch");
        t.setDaemon(true);
        return t;
    });
    private int[] permutation;
    private int nextBatch;
    private Future<byte[]> pending;

    /** Batches on the CPU. */
    public BatchPrefetcher(ImageDataset data, EpochOrder order) {
        this(data, order, Device.CPU);
    }

    public BatchPrefetcher(ImageDataset data, EpochOrder order, Device device) {
        this.data = data;
        this.order = order;
        this.device = device;
    }

    /** Begins epoch {@code epoch} (counting from 0) at batch {@code batch}, and prepares that batch. */
    public void start(int epoch, int batch) {
        permutation = order.permutation(epoch);
        nextBatch = batch;
        pending = prepare(batch);
    }

    /** The next batch; prepares the one after it. */
    public Batch next() {
        if (pending == null) {
            throw new IllegalStateException("no batch left in this epoch");
        }
        byte[] pixels;
        try {
            pixels = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for data", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("preparing a batch failed", e.getCause());
        }
        int from = order.from(nextBatch);
        int to = order.to(nextBatch);
        nextBatch++;
        pending = nextBatch < order.batchesPerEpoch() ? prepare(nextBatch) : null;
        Tensor images = ImageDataset.toUnitRange(ImageDataset.onDevice(data.tensorOf(pixels), device));
        Tensor labels = data.classes() == 0
                ? null
                : ImageDataset.onDevice(Tensors.indices(data.labels(permutation, from, to)), device);
        return new Batch(images, labels);
    }

    private Future<byte[]> prepare(int batch) {
        int[] p = permutation;
        return worker.submit(() -> data.gather(p, order.from(batch), order.to(batch)));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
