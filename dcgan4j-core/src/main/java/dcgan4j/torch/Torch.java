package dcgan4j.torch;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one entry point to libtorch's native code.
 *
 * <p>JavaCPP extracts native libraries lazily, one at a time. If libtorch_cpu is resolved by the
 * dynamic linker before it has been extracted, a libtorch installed elsewhere on the system can be
 * picked up instead and crash the JVM. {@link #load()} therefore unpacks every native resource of
 * the bindings into JavaCPP's cache first and only then loads them, once per JVM. The CUDA build
 * (Maven profile {@code cuda}) brings the {@code -gpu} natives of libtorch and CUDA's own libraries;
 * they are unpacked the same way.
 */
public final class Torch {
    private static final Logger LOG = LoggerFactory.getLogger(Torch.class);
    private static final String[] NATIVE_PACKAGES = {
        "org/bytedeco/openblas/", "org/bytedeco/cuda/", "org/bytedeco/pytorch/"
    };
    private static final String GPU = "-gpu";
    private static volatile boolean loaded;

    private Torch() {}

    /** Unpacks and loads libtorch once; cheap to call again. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            for (String pkg : NATIVE_PACKAGES) {
                for (String folder : new String[] {nativeFolder(pkg, ""), nativeFolder(pkg, GPU)}) {
                    if (Torch.class.getResource(folder) != null) {
                        Loader.cacheResources(folder);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack libtorch's native libraries", e);
        }
        Loader.load(torch.class);
        // NNPACK would only ever run a float32 convolution without gradients that oneDNN cannot; libtorch
        // asks whether it is usable on every float64 convolution (the kernel checks' reference) and, on
        // processors NNPACK does not support, writes a warning to stderr each time.
        torch.globalContext().setUserEnabledNNPACK(false);
        // OpenBLAS keeps a thread pool of its own beside libtorch's OpenMP threads, and with as many of each
        // as cores the two spin against each other: the matrix products that compute G's first and D's last
        // layer took 2-3 times as long (G's first at batch 128: 41 ms forward and backward, 20 ms with one
        // BLAS thread), which made a 28x28 training step twice as slow. One BLAS thread removes the fight.
        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
        loaded = true;
        LOG.debug("libtorch loaded, {} intra-op threads", torch.get_num_threads());
    }

    /** Whether the class path holds libtorch's CUDA natives rather than the CPU-only ones. */
    static boolean hasGpuNatives() {
        return Torch.class.getResource(nativeFolder("org/bytedeco/pytorch/", GPU)) != null;
    }

    private static String nativeFolder(String pkg, String extension) {
        return "/" + pkg + Loader.getPlatform() + extension + "/";
    }

    /**
     * Sets libtorch's intra-op thread count; {@code 0} means one per available core.
     *
     * @return the thread count now in force
     */
    public static int useThreads(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
        }
        load();
        int n = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        torch.set_num_threads(n);
        return torch.get_num_threads();
    }

    /** Seeds libtorch's default CPU generator, which drives weight init and noise. */
    public static void seed(long seed) {
        load();
        torch.manual_seed(seed);
    }
}
