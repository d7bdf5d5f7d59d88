package dcgan4j.model;

import static dcgan4j.torch.Tensors.longs;

import dcgan4j.torch.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.BatchNorm2dImpl;
import org.bytedeco.pytorch.BatchNormOptions;
import org.bytedeco.pytorch.Conv2dImpl;
import org.bytedeco.pytorch.Conv2dOptions;
import org.bytedeco.pytorch.ConvTranspose2dImpl;
import org.bytedeco.pytorch.ConvTranspose2dOptions;
import org.bytedeco.pytorch.LeakyReLUImpl;
import org.bytedeco.pytorch.LeakyReLUOptions;
import org.bytedeco.pytorch.ReLUImpl;
import org.bytedeco.pytorch.ReLUOptions;
import org.bytedeco.pytorch.SequentialImpl;
import org.bytedeco.pytorch.TanhImpl;
import org.bytedeco.pytorch.Tensor;

/**
 * A libtorch {@code Sequential} plus a Java view of its layers, so a network can run as one native
 * call and still be traced layer by layer (for shape checks and for looking inside D).
 */
final class LayerStack {
    final SequentialImpl sequential = new SequentialImpl();
    private final List<UnaryOperator<Tensor>> layers = new ArrayList<>();
    /** Indices of the activation layers: where each block of a network ends. */
    private final List<Integer> blockEnds = new ArrayList<>();

    /** Transposed convolution without bias (BatchNorm follows, or Tanh on the output layer). */
    void convTranspose(long in, long out, long kernel, long stride, long padding) {
        var options = new ConvTranspose2dOptions(in, out, longs(kernel, kernel));
        options.stride().put(new long[] {stride, stride});
        options.padding().put(new long[] {padding, padding});
        options.bias().put(false);
        var layer = new ConvTranspose2dImpl(options);
        sequential.push_back(layer);
        layers.add(layer::forward);
    }

    /** Strided convolution without bias. */
    void conv(long in, long out, long kernel, long stride, long padding) {
        var options = new Conv2dOptions(in, out, longs(kernel, kernel));
        options.stride().put(new long[] {stride, stride});
        options.padding().put(longs(padding, padding));
        options.bias().put(false);
        var layer = new Conv2dImpl(options);
        sequential.push_back(layer);
        layers.add(layer::forward);
    }

    void batchNorm(long features) {
        var layer = new BatchNorm2dImpl(new BatchNormOptions(features));
        sequential.push_back(layer);
        layers.add(layer::forward);
    }

    void relu() {
        var options = new ReLUOptions();
        options.inplace().put(true);
        var layer = new ReLUImpl(options);
        sequential.push_back(layer);
        blockEnds.add(layers.size());
        layers.add(layer::forward);
    }

    void leakyRelu(double slope) {
        var options = new LeakyReLUOptions();
        options.negative_slope().put(slope);
        options.inplace().put(true);
        var layer = new LeakyReLUImpl(options);
        sequential.push_back(layer);
        blockEnds.add(layers.size());
        layers.add(layer::forward);
    }

    void tanh() {
        var layer = new TanhImpl();
        sequential.push_back(layer);
        blockEnds.add(layers.size());
        layers.add(layer::forward);
    }

    /** Runs the layers one by one and returns each layer's output shape. */
    List<long[]> outputShapes(Tensor input) {
        return outputs(input).stream().map(Tensors::shape).toList();
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
}
