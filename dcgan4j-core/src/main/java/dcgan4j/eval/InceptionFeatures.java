package dcgan4j.eval;

import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The FID Inception-v3 (pool3, 2048 features) from a TorchScript file the user provides, e.g.
 * clean-fid's / StyleGAN's {@code inception-2015-12-05.pt}. Images are prepared as clean-fid does
 * (Parmar et al. 2022): values in [0, 255] as floats, never quantised or JPEG-compressed, resized
 * to 299×299 with bicubic filtering (antialiased like PIL's), grey repeated into RGB.
 *
 * <p>A module with a {@code layers} submodule (the NVIDIA file) is fed as clean-fid feeds it,
 * {@code (x − 128) / 128} into {@code layers}; any other module gets the [0, 255] images in its
 * {@code forward} and must return (N, D) features.
 */
public final class InceptionFeatures implements FeatureNetwork {
    public static final int SIDE = 299;
    private final JitModule module;
    private final JitModule layers;

    private InceptionFeatures(JitModule module) {
        this.module = module;
        this.layers =
                module.hasattr("layers") ? new JitModule(module.attr("layers").toObject()) : null;
    }

    /** Loads a TorchScript file through libtorch's {@code torch::jit::load}. */
    public static InceptionFeatures load(Path file) throws NoSuchFileException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no TorchScript feature network there");
        }
        Torch.load();
        JitModule module;
        try {
            module = torch.load(new org.bytedeco.javacpp.BytePointer(file.toString()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a TorchScript module: " + e.getMessage(), e);
        }
        module.eval();
        return new InceptionFeatures(module);
    }

    @Override
    public String name() {
        return layers != null ? "inception-v3" : "torchscript";
    }

    @Override
    public Tensor features(Tensor images) {
        Tensor x = prepare(images);
        if (layers != null) {
            x = x.sub(new Scalar(128.0)).div(new Scalar(128.0));
            return layers.forward(new IValueVector(new IValue(x))).toTensor().view(x.size(0), -1);
        }
        return module.forward(new IValueVector(new IValue(x))).toTensor().view(x.size(0), -1);
    }

    @Override
    public int classes() {
        return 0;
    }

    @Override
    public Tensor logits(Tensor images) {
        throw new UnsupportedOperationException("the Inception features have no class logits");
    }

    /** [-1, 1] → [0, 255], RGB, 299×299 bicubic. */
    static Tensor prepare(Tensor images) {
        Tensor x = images.add(new Scalar(1.0)).mul(new Scalar(127.5));
        if (x.size(1) == 1) {
            x = x.expand(new long[] {-1, 3, -1, -1});
        }
        if (x.size(2) == SIDE && x.size(3) == SIDE) {
            return x;
        }
        return Tensors.resizeBicubic(x, SIDE);
    }

    @Override
    public void close() {
        module.close();
    }
}
