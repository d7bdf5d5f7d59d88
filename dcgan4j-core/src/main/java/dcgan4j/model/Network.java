package dcgan4j.model;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.ConvShape;
import dcgan4j.conv.LayerCheck;
import dcgan4j.torch.Device;
import dcgan4j.torch.Precision;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch.MemoryFormat;

/**
 * What G and D share: a libtorch module whose layers live in a {@code Sequential} registered as
 * {@code main}, so parameter names match pytorch/examples dcgan's state dicts
 * ({@code main.0.weight}, {@code main.1.running_mean}, …).
 */
public abstract class Network implements AutoCloseable {
    /**
     * oneDNN's convolutions run about 10% faster on 64×64 and larger maps when weights and activations
     * are channels-last (NHWC); on 28×28 they do not (docs/PERFORMANCE.md). Same maths, other kernels.
     */
    private static final int CHANNELS_LAST_FROM = 64;

    private final ModelConfig config;
    private final Module root;
    private final LayerStack layers;
    private final MemoryFormat layout;
    private final ConvRoutes routes;
    private Device device = Device.CPU;

    /** @param routes how the convolutions are computed ({@link ConvRoutes#standard()} unless testing them) */
    protected Network(String name, ModelConfig config, ConvRoutes routes) {
        Torch.load();
        this.config = config;
        this.root = new Module(name);
        this.layout = config.imageSize() >= CHANNELS_LAST_FROM ? MemoryFormat.ChannelsLast : MemoryFormat.Contiguous;
        this.routes = routes;
        this.layers = new LayerStack(routes, layout, inputSide(config));
        build(layers, config);
        root.register_module("main", layers.sequential);
        DcganInit.apply(this);
        useLayout();
    }

    /** Each model's distinct convolution shapes, G's first: building G and D to learn them takes up to half a second. */
    private static final Map<ModelConfig, List<ConvShape>> SHAPES = new ConcurrentHashMap<>();

    /**
     * Checks, before anything is written, that every convolution G and D of {@code model} run is computed
     * right on {@code device} in float32 and in {@code precision}, choosing each layer's kernel
     * ({@link ConvRoutes}); once per process and shape. Where a check turns oneDNN off, every shape is
     * decided again without it, so the checks returned are the ones the networks will use.
     *
     * @return one check per distinct shape and arithmetic, G's layers first
     * @throws dcgan4j.conv.KernelFaultException when no kernel computes a layer right
     */
    public static List<LayerCheck> checkKernels(ModelConfig model, Precision precision, Device device) {
        List<ConvShape> shapes = SHAPES.computeIfAbsent(model, Network::convolutionShapes);
        boolean oneDnn = ConvRoutes.oneDnnInUse();
        List<LayerCheck> checks = ConvRoutes.standard().check(shapes, precision, device);
        return oneDnn && !ConvRoutes.oneDnnInUse() ? ConvRoutes.standard().check(shapes, precision, device) : checks;
    }

    /** G's and D's distinct convolution shapes, leaving libtorch's default random generator as it was. */
    private static List<ConvShape> convolutionShapes(ModelConfig model) {
        Torch.load();
        var rng = org.bytedeco.pytorch.global.torch.getDefaultCPUGenerator();
        Tensor state = rng.get_state();
        try (var g = new Generator(model);
                var d = new Discriminator(model)) {
            Set<ConvShape> shapes = new LinkedHashSet<>(g.convolutions().values());
            shapes.addAll(d.convolutions().values());
            return List.copyOf(shapes);
        } finally {
            rng.set_state(state);
        }
    }

    /** The convolution layers by state-dict prefix ({@code main.0}), input to output. */
    public Map<String, ConvShape> convolutions() {
        return layers.convolutions();
    }

    /** Every layer, input to output, as built: for rebuilding the network's arithmetic elsewhere. */
    public List<Layer> layers() {
        return layers.described();
    }

    /** Moves the convolution weights into {@link #layout}; the optimizers must be built after this. */
    private void useLayout() {
        TensorVector params = root.parameters();
        for (long i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (p.dim() == 4) {
                p.set_data(p.contiguous(layout));
            }
        }
    }

    /**
     * Moves the parameters and buffers to {@code device}, in place (the same tensors, so optimizers
     * built before keep working; build them after all the same, as PyTorch advises). Inputs given to
     * {@link #forward} are moved along, so callers may hand in CPU tensors.
     */
    public void to(Device target) {
        root.to(target.torchDevice(), false);
        this.device = target;
    }

    /** Where the parameters are. */
    public Device device() {
        return device;
    }

    /** The side of the input maps: 1 for z, the image size for images. */
    abstract int inputSide(ModelConfig config);

    /** Adds the layers for {@code config}, input to output. */
    abstract void build(LayerStack stack, ModelConfig config);

    public ModelConfig config() {
        return config;
    }

    public Tensor forward(Tensor input) {
        return layers.forward(onDevice(input).contiguous(layout));
    }

    private Tensor onDevice(Tensor input) {
        return input.to(device.torchDevice(), Tensors.dtype(input));
    }

    /**
     * The network on inputs of the given classes: for a conditional model the labels' one-hot maps are
     * concatenated to the input ({@link ClassConditioning}); an unconditional one ignores them.
     *
     * @param labels int64 class indices (N); may be null for an unconditional model
     */
    public Tensor forward(Tensor input, Tensor labels) {
        return forward(ClassConditioning.attach(
                onDevice(input),
                labels == null ? null : onDevice(labels),
                config.variant().classes()));
    }

    /** Each layer's output shape for the given input, in order (for checks and documentation). */
    public List<long[]> layerShapes(Tensor input) {
        try (var noGrad = new NoGradGuard()) {
            return layers.outputShapes(input);
        }
    }

    /**
     * The output of each block — a layer with its normalisation and activation — in order, for looking
     * inside a network; gradients are tracked as the caller's mode says.
     */
    public List<Tensor> blockOutputs(Tensor input) {
        return layers.blockOutputs(onDevice(input).contiguous(layout));
    }

    public TensorVector parameters() {
        return root.parameters();
    }

    public long parameterCount() {
        return Tensors.numel(root.parameters());
    }

    /** Parameters and buffers (BatchNorm running statistics) by PyTorch state-dict name. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        state.putAll(Tensors.ownHandles(root.named_parameters()));
        state.putAll(Tensors.ownHandles(root.named_buffers()));
        return state;
    }

    /**
     * Copies saved tensors into the parameters and buffers; the names and shapes must be exactly this
     * network's (PyTorch's {@code load_state_dict(strict=True)}).
     *
     * @throws IllegalArgumentException naming the first tensor that is missing, unexpected or misshapen
     */
    public void loadStateDict(Map<String, Tensor> saved) {
        Map<String, Tensor> state = stateDict();
        for (String name : saved.keySet()) {
            if (!state.containsKey(name)) {
                throw new IllegalArgumentException("unexpected tensor " + name + " for the " + description());
            }
        }
        try (var noGrad = new NoGradGuard()) {
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                Tensor source = saved.get(e.getKey());
                if (source == null) {
                    throw new IllegalArgumentException("tensor " + e.getKey() + " is missing for the " + description());
                }
                if (!e.getValue().is_same_size(source)) {
                    throw new IllegalArgumentException("tensor " + e.getKey() + " has shape "
                            + java.util.Arrays.toString(Tensors.shape(source)) + ", the " + description() + " needs "
                            + java.util.Arrays.toString(Tensors.shape(e.getValue())));
                }
                e.getValue().copy_(source);
            }
        }
    }

    private String description() {
        return root.name().getString().toLowerCase(java.util.Locale.ROOT) + " for " + config;
    }

    /** The same network in float64, for comparing against; its convolutions are libtorch's own. */
    void toFloat64() {
        root.to(org.bytedeco.pytorch.global.torch.ScalarType.Double, false);
    }

    /** Parameters only, by name, in registration order. */
    Map<String, Tensor> namedParameters() {
        return Tensors.ownHandles(root.named_parameters());
    }

    /**
     * Runs {@code passes} without gradients to set every BatchNorm's running statistics to their plain
     * average over those passes, with dropout off; leaves the network in evaluation mode. A network
     * without BatchNorm is left as it is. For a network whose weights move faster than its running
     * averages follow (the averaged G; a D trained on a few labels), this is what evaluation mode needs.
     */
    public void recomputeBatchNormStatistics(Runnable passes) {
        if (!layers.hasBatchNorm()) {
            return;
        }
        try (var noGrad = new NoGradGuard()) {
            layers.recomputeStatistics(passes);
        } finally {
            root.train(false);
        }
    }

    /** Training mode uses batch statistics in BatchNorm; evaluation mode the running ones. */
    public void train(boolean on) {
        root.train(on);
    }

    public boolean isTraining() {
        return root.is_training();
    }

    /** Switches gradient tracking of all parameters, e.g. to freeze D while G learns. */
    public void requiresGrad(boolean on) {
        TensorVector params = root.parameters();
        for (long i = 0; i < params.size(); i++) {
            params.get(i).requires_grad_(on);
        }
    }

    @Override
    public void close() {
        root.close();
    }
}
