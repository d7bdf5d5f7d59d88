package dcgan4j.model;

import static dcgan4j.torch.Tensors.longs;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.ConvShape;
import dcgan4j.torch.Tensors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.BatchNorm1dImpl;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;
import org.bytedeco.pytorch.DoubleVector;
import org.bytedeco.pytorch.DropoutImpl;
import org.bytedeco.pytorch.DropoutOptions;
import org.bytedeco.pytorch.FlattenImpl;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.LongVector;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.ReLUOptions;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.SigmoidImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.UnflattenImpl;
import org.bytedeco.pytorch.UnflattenOptions;
import org.bytedeco.pytorch.UpsampleImpl;
import org.bytedeco.pytorch.UpsampleOptions;
import org.bytedeco.pytorch.global.torch.MemoryFormat;
import org.bytedeco.pytorch.kNearest;

/**
 * A libtorch {@code Sequential} that holds the layers' parameters under PyTorch's names, and the Java
 * list of the layers' forward functions that runs them. The network runs through the list rather than
 * the {@code Sequential}'s own forward because its convolutions are computed by the kernels checked on
 * this machine ({@link ConvRoutes}), not always by libtorch's modules; the list also traces a network
 * layer by layer (for shape checks and for looking inside D).
 */
final class LayerStack {
    final SequentialImpl sequential = new SequentialImpl();
    private final ConvRoutes routes;
    /** The memory layout every convolution's output is given, as its input has. */
    private final MemoryFormat layout;
    /** The side of the feature maps after the layers added so far. */
    private int side;

    private final Map<String, ConvShape> convolutions = new LinkedHashMap<>();
    private final List<UnaryOperator<Tensor>> layers = new ArrayList<>();
    /** What each layer of {@link #layers} is, for readers outside the library. */
    private final List<Layer> described = new ArrayList<>();
    /** Indices of the activation layers: where each block of a network ends. */
    private final List<Integer> blockEnds = new ArrayList<>();
    /** The BatchNorm layers, for {@link #recomputeStatistics}: their options (the momentum) and statistics reset. */
    private final List<Norm> norms = new ArrayList<>();

    private final List<DropoutImpl> dropouts = new ArrayList<>();

    /** @param inputSide the side of the network's input maps (1 for z) */
    LayerStack(ConvRoutes routes, MemoryFormat layout, int inputSide) {
        this.routes = routes;
        this.layout = layout;
        this.side = inputSide;
    }

    /** Transposed convolution; the paper's have no bias (BatchNorm follows, or Tanh on the output layer). */
    void convTranspose(long in, long out, int kernel, int stride, int padding, boolean bias) {
        var options = new ConvTranspose2dOptions(in, out, longs(kernel, kernel));
        options.stride().put(new long[] {stride, stride});
        options.padding().put(new long[] {padding, padding});
        options.bias().put(bias);
        var layer = new ConvTranspose2dImpl(options);
        convolution(
                ConvShape.transposed(in, out, kernel, stride, padding, side, bias), layer::weight, layer::bias, true);
        sequential.push_back(layer);
    }

    /** Strided convolution; the paper's have no bias. */
    void conv(long in, long out, int kernel, int stride, int padding, boolean bias) {
        var options = new Conv2dOptions(in, out, longs(kernel, kernel));
        options.stride().put(new long[] {stride, stride});
        options.padding().put(longs(padding, padding));
        options.bias().put(bias);
        var layer = new Conv2dImpl(options);
        convolution(ConvShape.conv(in, out, kernel, stride, padding, side, bias), layer::weight, layer::bias, false);
        sequential.push_back(layer);
    }

    /** Records a convolution about to be pushed as {@code main.<index>}, computed by its checked kernel. */
    private void convolution(ConvShape layer, Supplier<Tensor> weight, Supplier<Tensor> bias, boolean transposed) {
        ConvShape shape = layer.withChannelsLast(layout == MemoryFormat.ChannelsLast);
        String prefix = prefix();
        convolutions.put(prefix, shape);
        side = shape.outputSide();
        trace(
                transposed ? new Layer.ConvTranspose(prefix, layer) : new Layer.Conv(prefix, layer),
                x -> routes.apply(shape, x, weight.get(), shape.bias() ? bias.get() : null)
                        .contiguous(layout));
    }

    /** The convolutions by state-dict prefix ({@code main.0}), input to output. */
    Map<String, ConvShape> convolutions() {
        return Collections.unmodifiableMap(convolutions);
    }

    void linear(long in, long out, boolean bias) {
        var options = new LinearOptions(in, out);
        options.bias().put(bias);
        var layer = new LinearImpl(options);
        trace(new Layer.Linear(prefix(), bias), layer::forward);
        sequential.push_back(layer);
    }

    /** BatchNorm over feature maps, when {@code on} (a BatchNorm plan may leave it out). */
    void batchNorm(boolean on, long features) {
        if (on) {
            var layer = new BatchNorm2dImpl(new BatchNormOptions(features));
            norms.add(new Norm(layer.options(), layer::reset_running_stats));
            trace(new Layer.BatchNorm(prefix(), layer.options().eps().get()), layer::forward);
            sequential.push_back(layer);
        }
    }

    /** BatchNorm over flat features (after a dense layer), when {@code on}. */
    void batchNorm1d(boolean on, long features) {
        if (on) {
            var layer = new BatchNorm1dImpl(new BatchNormOptions(features));
            norms.add(new Norm(layer.options(), layer::reset_running_stats));
            trace(new Layer.BatchNorm(prefix(), layer.options().eps().get()), layer::forward);
            sequential.push_back(layer);
        }
    }

    /** Dropout at {@code rate}; nothing when the rate is 0, so the paper's layer names stay. */
    void dropout(double rate) {
        if (rate > 0) {
            var layer = new DropoutImpl(new DropoutOptions(rate));
            dropouts.add(layer);
            sequential.push_back(layer);
            trace(new Layer.Dropout(rate), layer::forward);
        }
    }

    /** (N, C, H, W) → (N, C·H·W). */
    void flatten() {
        var layer = new FlattenImpl();
        sequential.push_back(layer);
        trace(new Layer.Flatten(), layer::forward);
    }

    /** (N, width·side·side) → (N, width, side, side). */
    void unflatten(long width, int side) {
        this.side = side;
        var layer = new UnflattenImpl(new UnflattenOptions(1, new LongVector(width, side, side)));
        sequential.push_back(layer);
        trace(new Layer.Unflatten(width, side), layer::forward);
    }

    /** Nearest-neighbour 2× upsampling, as Keras' {@code UpSampling2D}. */
    void upsample() {
        var options = new UpsampleOptions();
        options.scale_factor().put(new DoubleVector(2.0, 2.0));
        options.mode().put(new kNearest());
        side *= 2;
        var layer = new UpsampleImpl(options);
        sequential.push_back(layer);
        trace(new Layer.Upsample(), layer::forward);
    }

    /** G's output activation, which ends G's last block. */
    void output(OutputActivation activation) {
        if (activation == OutputActivation.SIGMOID) {
            var layer = new SigmoidImpl();
            sequential.push_back(layer);
            traceBlockEnd(new Layer.Output(activation), layer::forward);
        } else {
            var layer = new TanhImpl();
            sequential.push_back(layer);
            traceBlockEnd(new Layer.Output(activation), layer::forward);
        }
    }

    void relu() {
        var options = new ReLUOptions();
        options.inplace().put(true);
        var layer = new ReLUImpl(options);
        sequential.push_back(layer);
        traceBlockEnd(new Layer.Relu(), layer::forward);
    }

    void leakyRelu(double slope) {
        var options = new LeakyReLUOptions();
        options.negative_slope().put(slope);
        options.inplace().put(true);
        var layer = new LeakyReLUImpl(options);
        sequential.push_back(layer);
        traceBlockEnd(new Layer.LeakyRelu(slope), layer::forward);
    }

    /** The state-dict prefix of the next layer pushed onto {@link #sequential}. */
    private String prefix() {
        return "main." + sequential.size();
    }

    /** Records a layer pushed onto {@link #sequential}, so it can be run on its own and described. */
    private void trace(Layer layer, UnaryOperator<Tensor> forward) {
        described.add(layer);
        layers.add(forward);
    }

    /** Records an activation layer, which ends a block. */
    private void traceBlockEnd(Layer layer, UnaryOperator<Tensor> forward) {
        blockEnds.add(layers.size());
        trace(layer, forward);
    }

    /** Each layer, input to output. */
    List<Layer> described() {
        return Collections.unmodifiableList(described);
    }

    /** Runs the layers one by one and returns each layer's output shape. */
    List<long[]> outputShapes(Tensor input) {
        return outputs(input).stream().map(Tensors::shape).toList();
    }

    /** The last layer's output. */
    Tensor forward(Tensor input) {
        Tensor x = input;
        for (UnaryOperator<Tensor> layer : layers) {
            x = layer.apply(x);
        }
        return x;
    }

    /** Each layer's output, in order. */
    List<Tensor> outputs(Tensor input) {
        List<Tensor> outputs = new ArrayList<>(layers.size());
        Tensor x = input;
        for (UnaryOperator<Tensor> layer : layers) {
            x = layer.apply(x);
            outputs.add(x);
        }
        return outputs;
    }

    /** The output of each block (after its activation), in order. */
    List<Tensor> blockOutputs(Tensor input) {
        List<Tensor> all = outputs(input);
        return blockEnds.stream().map(all::get).toList();
    }

    /** Whether any layer is a BatchNorm. */
    boolean hasBatchNorm() {
        return !norms.isEmpty();
    }

    /**
     * Sets every BatchNorm's running statistics to the plain average over the forward passes that
     * {@code passes} makes (PyTorch's {@code momentum=None}), with BatchNorm in training mode and
     * dropout off, as it is when sampling; the momentum is put back afterwards.
     */
    void recomputeStatistics(Runnable passes) {
        List<Double> momenta = new ArrayList<>();
        for (Norm norm : norms) {
            momenta.add(norm.options().momentum().get());
            norm.options().momentum().reset();
            norm.resetStatistics().run();
        }
        sequential.train(true);
        dropouts.forEach(d -> d.train(false));
        try {
            passes.run();
        } finally {
            for (int i = 0; i < norms.size(); i++) {
                norms.get(i).options().momentum().put(momenta.get(i));
            }
        }
    }

    private record Norm(BatchNormOptions options, Runnable resetStatistics) {}
}
