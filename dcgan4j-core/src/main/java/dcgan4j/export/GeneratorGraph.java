package dcgan4j.export;

import static dcgan4j.export.OnnxGraph.attribute;

import dcgan4j.conv.ConvShape;
import dcgan4j.model.Generator;
import dcgan4j.model.Layer;
import dcgan4j.model.OutputActivation;
import dcgan4j.torch.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * G's layers ({@link Generator#layers()}) as ONNX operators, one for one, with its state-dict tensors
 * as initializers under their PyTorch names. Every transposed convolution is a {@code ConvTranspose},
 * the first (1×1 → 4×4, computed here as a matrix product) included: its weight is an ordinary
 * transposed-convolution weight, so the file holds the state dict's tensors unchanged and reads like
 * PyTorch's own export of {@code netG}. BatchNorm stays a {@code BatchNormalization} in inference
 * mode (running statistics) rather than folded into the convolution before it: the exported numbers
 * are the saved ones, and ONNX Runtime folds it itself when it optimises the graph. Dropout is the
 * identity when sampling and is left out.
 */
final class GeneratorGraph {
    private final OnnxGraph graph = new OnnxGraph("dcgan4j_generator");
    private final Map<String, Tensor> state;

    private GeneratorGraph(Map<String, Tensor> state) {
        this.state = state;
    }

    /** The graph of G in evaluation mode: {@code z} (and {@code class}) in, {@code image} out. */
    static OnnxGraph of(Generator g) {
        return new GeneratorGraph(g.stateDict()).build(g);
    }

    private OnnxGraph build(Generator g) {
        var model = g.config();
        int classes = model.variant().classes();
        graph.input(OnnxExport.Z, OnnxGraph.FLOAT, "latent vectors, one row per image", OnnxExport.BATCH, (long)
                model.nz());
        String x = OnnxExport.Z; // (N, features) until the first convolution or unflatten
        if (classes > 0) {
            graph.input(
                    OnnxExport.CLASS, OnnxGraph.INT64, "class of each image, 0.." + (classes - 1), OnnxExport.BATCH);
            float[] identity = new float[classes * classes];
            for (int i = 0; i < classes; i++) {
                identity[i * classes + i] = 1;
            }
            graph.floats("one_hot", new long[] {classes, classes}, identity);
            String oneHot = graph.node("Gather", List.of("one_hot", OnnxExport.CLASS), "class_one_hot");
            x = graph.node("Concat", List.of(x, oneHot), "z_and_class", attribute("axis", 1L));
        }
        boolean flat = true;
        List<Layer> layers = g.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            String out = "main." + i + ".output";
            if (layer instanceof Layer.ConvTranspose c) {
                if (flat) {
                    x = graph.node("Unsqueeze", List.of(x, graph.longs("axes_2_3", 2, 3)), "z_maps");
                    flat = false;
                }
                x = convTranspose(c.prefix(), c.shape(), x, out);
            } else if (layer instanceof Layer.Linear l) {
                x = graph.node("Gemm", withBias(l.prefix(), l.bias(), x), out, attribute("transB", 1L));
            } else if (layer instanceof Layer.BatchNorm b) {
                x = graph.node(
                        "BatchNormalization",
                        List.of(
                                x,
                                tensor(b.prefix() + ".weight"),
                                tensor(b.prefix() + ".bias"),
                                tensor(b.prefix() + ".running_mean"),
                                tensor(b.prefix() + ".running_var")),
                        out,
                        attribute("epsilon", (float) b.eps()));
            } else if (layer instanceof Layer.Relu) {
                x = graph.node("Relu", List.of(x), out);
            } else if (layer instanceof Layer.Flatten && flat) {
                continue; // z comes in flat
            } else if (layer instanceof Layer.Unflatten u) {
                x = graph.node(
                        "Reshape", List.of(x, graph.longs(out + ".shape", -1, u.width(), u.side(), u.side())), out);
                flat = false;
            } else if (layer instanceof Layer.Upsample) {
                x = graph.node(
                        "Resize",
                        List.of(x, "", graph.floats(out + ".scales", new long[] {4}, new float[] {1, 1, 2, 2})),
                        out,
                        attribute("mode", "nearest"),
                        attribute("coordinate_transformation_mode", "asymmetric"),
                        attribute("nearest_mode", "floor"));
            } else if (layer instanceof Layer.Output o && i == layers.size() - 1) {
                graph.node(o.activation() == OutputActivation.TANH ? "Tanh" : "Sigmoid", List.of(x), OnnxExport.IMAGE);
                graph.output(
                        OnnxExport.IMAGE,
                        OnnxGraph.FLOAT,
                        "images (N, C, H, W) in " + OnnxExport.range(o.activation()),
                        OnnxExport.BATCH,
                        (long) model.channels(),
                        (long) model.imageSize(),
                        (long) model.imageSize());
                return graph;
            } else if (!(layer instanceof Layer.Dropout)) {
                throw new IllegalArgumentException("no ONNX mapping for layer " + i + " of the generator: " + layer);
            }
        }
        throw new IllegalArgumentException("the generator has no output activation as its last layer");
    }

    private String convTranspose(String prefix, ConvShape s, String x, String out) {
        int p = s.padding();
        return graph.node(
                "ConvTranspose",
                withBias(prefix, s.bias(), x),
                out,
                attribute("kernel_shape", s.kernel(), s.kernel()),
                attribute("strides", s.stride(), s.stride()),
                attribute("pads", p, p, p, p));
    }

    private List<String> withBias(String prefix, boolean bias, String x) {
        List<String> inputs = new ArrayList<>(List.of(x, tensor(prefix + ".weight")));
        if (bias) {
            inputs.add(tensor(prefix + ".bias"));
        }
        return inputs;
    }

    /** The state dict's tensor as an initializer of the same name and shape, row-major whatever its layout. */
    private String tensor(String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the generator has no tensor " + name);
        }
        return graph.floats(name, Tensors.shape(t), Tensors.toFloats(t));
    }
}
