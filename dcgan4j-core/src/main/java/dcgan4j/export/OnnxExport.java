package dcgan4j.export;

import dcgan4j.io.AtomicFiles;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.OutputActivation;
import dcgan4j.run.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A trained generator as an ONNX model, so that it samples where there is no JVM or no libtorch
 * (ONNX Runtime from Python, C#, the browser): G in evaluation mode ({@link GeneratorGraph}), the
 * batch dimension dynamic. Written by hand with protobuf-java's wire format ({@link OnnxGraph}), not
 * through generated classes or Python, and atomically: a failed export leaves no file.
 *
 * <p>Inputs {@value #Z}: float32 (N, nz) and, for a conditional G, {@value #CLASS}: int64 (N); output
 * {@value #IMAGE}: float32 (N, channels, size, size) in G's own range, [-1, 1] for tanh or [0, 1] for
 * sigmoid, channels grey or R, G, B. The metadata ({@code metadata_props}) says where the weights came
 * from and how values become pixels ({@link #metadata}).
 */
public final class OnnxExport {
    /** The ONNX operator set the graph is written against (ONNX 1.12). */
    public static final int OPSET = 17;
    /** The IR version of ONNX 1.12, which introduced operator set 17. */
    public static final int IR_VERSION = 8;

    public static final String Z = "z";
    public static final String CLASS = "class";
    public static final String IMAGE = "image";
    /** The name of the dynamic batch dimension. */
    public static final String BATCH = "N";

    private OnnxExport() {}

    /** Writes {@code generator} (its weights as they are now, in evaluation mode) to {@code file}. */
    public static void write(Generator generator, Path file, Map<String, String> metadata) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory; name the .onnx file to write");
        }
        byte[] model = GeneratorGraph.of(generator)
                .model(IR_VERSION, OPSET, "dcgan4j", version(), description(generator.config()), metadata);
        AtomicFiles.write(file, out -> out.write(model));
    }

    /**
     * The metadata of a generator loaded from {@code weights}: {@code dcgan4j.version}, {@code .run} (the
     * directory of the weights), {@code .weights}, {@code .step} (when the weights record it),
     * {@code .generator} ({@code averaged}, {@code best} or {@code raw}, by the file's name),
     * {@code .model}, {@code .output_range} and {@code .pixel_mapping}.
     */
    public static Map<String, String> metadata(ModelConfig model, Path weights) throws IOException {
        Path file = weights.toAbsolutePath().normalize();
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("dcgan4j.version", version());
        meta.put("dcgan4j.run", String.valueOf(file.getParent()));
        meta.put("dcgan4j.weights", file.getFileName().toString());
        var step = ModelFiles.step(file);
        if (step.isPresent()) {
            meta.put("dcgan4j.step", Long.toString(step.getAsLong()));
        }
        meta.put("dcgan4j.generator", which(file.getFileName().toString()));
        meta.put("dcgan4j.model", model.toString());
        OutputActivation output = model.variant().output();
        meta.put("dcgan4j.output_range", range(output));
        meta.put("dcgan4j.pixel_mapping", pixelMapping(output, model.channels()));
        return meta;
    }

    /** The values of G's output: {@code [-1, 1]} or {@code [0, 1]}. */
    public static String range(OutputActivation output) {
        return output == OutputActivation.TANH ? "[-1, 1]" : "[0, 1]";
    }

    /** How dcgan4j turns an output value x into an 8-bit pixel (ImageGrid's rounding, torchvision's). */
    public static String pixelMapping(OutputActivation output, int channels) {
        String unit = output == OutputActivation.TANH ? "(x + 1) / 2" : "x";
        return "pixel = floor(clamp(" + unit + ", 0, 1) * 255 + 0.5); channels: "
                + (channels == 1 ? "grey" : "R, G, B");
    }

    private static String which(String fileName) {
        if (fileName.equals(ModelFiles.AVERAGED_GENERATOR_FILE)) {
            return "averaged";
        }
        return fileName.equals(ModelFiles.BEST_GENERATOR_FILE) ? "best" : "raw";
    }

    private static String description(ModelConfig model) {
        return "DCGAN generator " + model + " exported by dcgan4j: " + Z + " (N, " + model.nz() + ")"
                + (model.variant().conditional() ? " and " + CLASS + " (N)" : "") + " to " + IMAGE + " (N, "
                + model.channels() + ", " + model.imageSize() + ", " + model.imageSize() + ") in "
                + range(model.variant().output());
    }

    /** The version of the dcgan4j jar, or {@code development build} when run from compiled classes. */
    static String version() {
        String version = OnnxExport.class.getPackage().getImplementationVersion();
        return version == null ? "development build" : version;
    }
}
