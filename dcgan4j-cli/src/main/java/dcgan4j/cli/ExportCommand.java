package dcgan4j.cli;

import dcgan4j.export.OnnxExport;
import dcgan4j.sample.TrainedGenerator;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan export}: a trained generator as a file other runtimes run. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = {
            "Export a trained generator for other runtimes: an ONNX model (opset " + OnnxExport.OPSET + ")",
            "of G in evaluation mode. Input 'z' float32 (N, nz), and 'class' int64 (N) for a",
            "conditional G; output 'image' float32 (N, C, H, W) in [-1, 1] (tanh) or [0, 1]",
            "(sigmoid); N is dynamic. The metadata names the run, the step, which generator",
            "it is and the pixel mapping."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan export runs/20261122-130405            writes .../netG_ema.onnx",
            "  dcgan export runs/20261122-130405 --out generator.onnx",
            "  dcgan export runs/20261122-130405 --raw      G as trained: .../netG.onnx",
            "  dcgan export runs/20261122-130405/netG_best.safetensors --format onnx",
            "",
            ExitCodes.HELP_SECTION
        })
final class ExportCommand extends TorchCommand {
    /** The formats a generator is exported to. */
    enum Format {
        ONNX
    }

    @Parameters(index = "0", paramLabel = "RUN", description = "run directory or generator weights (.safetensors)")
    Path run;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "onnx",
            description = "file format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "the file to write (default: the weights file's name with .onnx, beside it)")
    Path out;

    @Mixin
    GeneratorChoice generators;

    @Override
    public Integer call() throws Exception {
        threads.apply();
        Path weights = generators.file(run);
        Path file = out != null ? out : onnxBeside(weights);
        try (var generator = TrainedGenerator.load(weights)) {
            print(
                    switch (format) {
                        case ONNX -> generator.exportOnnx(file);
                    });
        }
        return ExitCodes.OK;
    }

    private static Path onnxBeside(Path weights) {
        String name = weights.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return weights.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".onnx");
    }
}
