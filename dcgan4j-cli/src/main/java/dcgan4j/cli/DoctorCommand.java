package dcgan4j.cli;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.ConvShape;
import dcgan4j.conv.KernelCheck;
import dcgan4j.conv.KernelFaultException;
import dcgan4j.conv.Kernels;
import dcgan4j.conv.LayerCheck;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.torch.CpuFeatures;
import dcgan4j.torch.Device;
import dcgan4j.torch.NativeBuild;
import dcgan4j.torch.Precision;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code dcgan doctor}: what a bug report about wrong numbers needs — the processor, libtorch's and
 * oneDNN's versions and instruction set, and every convolution of the networks measured against
 * float64 with each of dcgan4j's kernels.
 */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Check this machine's arithmetic: the CPU, libtorch's and oneDNN's versions, and every "
                    + "convolution layer of G and D measured against float64 with each kernel dcgan4j can use "
                    + "(libtorch's own, a matrix product, im2col), in fp32 and bf16.",
            "Training makes the same check at start, sampling before a layer's first use, and each uses the "
                    + "first kernel that is right; this shows all of them. Attach its output to a bug report "
                    + "about wrong numbers."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan doctor                          the 28x28x1 and 64x64x3 networks",
            "  dcgan doctor --image-size 128 --channels 3",
            "",
            "The errors are relative (largest difference over largest float64 value, of the output and both",
            "gradients, whichever is worst), on a batch of " + KernelCheck.BATCH + "; '-' where a kernel does not "
                    + "apply. 'oneDNN' is libtorch's own op as it comes, 'native' the same op with oneDNN off (measured",
            "only where oneDNN was caught wrong, which turns it off). Exit code 2 when some layer has no right kernel.",
            "",
            ExitCodes.HELP_SECTION
        })
final class DoctorCommand extends TorchCommand {
    @Option(
            names = "--image-size",
            paramLabel = "N",
            description =
                    "check the networks for N x N images only " + "(28, 32, 64 or 128; default: 28x28x1 and 64x64x3)")
    Integer imageSize;

    @Option(
            names = "--channels",
            paramLabel = "C",
            defaultValue = "3",
            description = "image channels with --image-size (default: ${DEFAULT-VALUE})")
    int channels;

    @Mixin
    DeviceOptions device;

    @Override
    public Integer call() {
        Device target = device.resolve();
        int threadCount = threads.apply();
        NativeBuild build = NativeBuild.read();
        print("cpu:       " + CpuFeatures.describe() + "; bf16 instructions: " + (CpuFeatures.bf16() ? "yes" : "no"));
        print("libtorch:  " + build.libtorch() + ", ATen CPU capability " + build.cpuCapability() + ", " + threadCount
                + " threads, OPENBLAS_CORETYPE=" + System.getenv().getOrDefault("OPENBLAS_CORETYPE", "(unset)"));
        print("oneDNN:    " + build.onednn() + ", ISA " + OneDnnIsa.detect());
        print("device:    " + target);
        Map<String, Layer> layers = new LinkedHashMap<>(); // network and layer -> its shape
        for (ModelConfig model : models()) {
            try (var g = new Generator(model);
                    var d = new Discriminator(model)) {
                for (Network net : List.<Network>of(g, d)) {
                    net.convolutions()
                            .forEach((name, shape) -> layers.put(
                                    (net == g ? "G " : "D ") + model.imageSize() + "x" + model.channels() + " " + name,
                                    new Layer(shape)));
                }
            }
        }
        ConvRoutes routes = ConvRoutes.standard();
        boolean withOneDnn = ConvRoutes.oneDnnInUse();
        Map<String, LayerCheck> measured = new HashMap<>(); // shape and dtype -> every kernel's error
        Map<String, LayerCheck> decided = new HashMap<>(); // shape and dtype -> what training would use
        Map<String, LayerCheck> nativeKernels = new HashMap<>(); // the same, once oneDNN is off
        boolean allRight = true;
        for (Precision p : List.of(Precision.FP32, Precision.BF16)) {
            for (Layer layer : layers.values()) {
                measured.computeIfAbsent(layer.key(p), k -> routes.measureAll(layer.shape(), p, target));
            }
        }
        for (Precision p : List.of(Precision.FP32, Precision.BF16)) {
            for (Layer layer : layers.values()) {
                try {
                    decided.put(
                            layer.key(p),
                            routes.check(List.of(layer.shape()), p, target).get(p == Precision.FP32 ? 0 : 1));
                } catch (KernelFaultException e) {
                    decided.put(layer.key(p), e.check());
                    allRight = false;
                }
            }
        }
        boolean oneDnnOff = withOneDnn && !ConvRoutes.oneDnnInUse();
        print("oneDNN's convolutions: "
                + (!withOneDnn
                        ? "off"
                        : oneDnnOff
                                ? "wrong on this CPU, so not used; libtorch's native kernels instead (column 'native')"
                                : "right on this CPU, used"));
        print("");
        print(String.format(
                Locale.ROOT,
                "%-16s %-51s %-5s %9s %9s %9s %9s  %s",
                "layer",
                "convolution",
                "dtype",
                "oneDNN",
                "native",
                "matmul",
                "im2col",
                "uses"));
        for (Precision p : List.of(Precision.FP32, Precision.BF16)) {
            for (Map.Entry<String, Layer> e : layers.entrySet()) {
                String key = e.getValue().key(p);
                LayerCheck native_ = !oneDnnOff
                        ? null
                        : nativeKernels.computeIfAbsent(
                                key, k -> routes.measureAll(e.getValue().shape(), p, target));
                print(row(e.getKey(), measured.get(key), native_, decided.get(key)));
            }
        }
        print("");
        print(String.format(
                Locale.ROOT,
                "tolerance: fp32 %.0e, bf16 %.0e; a kernel beyond it is not used",
                KernelCheck.tolerance(Precision.FP32),
                KernelCheck.tolerance(Precision.BF16)));
        if (!allRight) {
            spec.commandLine()
                    .getErr()
                    .println("doctor: some layer has no kernel that is right on this machine (uses: none)");
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }

    /** A convolution layer of the networks checked. */
    private record Layer(ConvShape shape) {
        String key(Precision p) {
            return shape + " " + p;
        }
    }

    private List<ModelConfig> models() {
        return imageSize == null
                ? List.of(ModelConfig.of(28, 1), ModelConfig.of(64, 3))
                : List.of(ModelConfig.of(imageSize, channels));
    }

    private static String row(String layer, LayerCheck withOneDnn, LayerCheck nativeKernels, LayerCheck decided) {
        StringBuilder errors = new StringBuilder(error(withOneDnn, Kernels.LIBTORCH))
                .append(
                        nativeKernels == null
                                ? String.format(Locale.ROOT, " %9s", "-")
                                : error(nativeKernels, Kernels.LIBTORCH))
                .append(error(withOneDnn, Kernels.MATMUL))
                .append(error(withOneDnn, Kernels.IM2COL));
        String uses = decided.chosen() == null
                ? "none"
                : decided.chosen() == Kernels.LIBTORCH && nativeKernels != null
                        ? "native"
                        : decided.chosen().toString();
        return String.format(
                Locale.ROOT, "%-16s %-51s %-5s%s  %s", layer, decided.shape(), decided.precision(), errors, uses);
    }

    private static String error(LayerCheck check, Kernels kernel) {
        return String.format(
                Locale.ROOT,
                " %9s",
                check.errorOf(kernel)
                        .map(e -> String.format(Locale.ROOT, "%.1e", e.worst()))
                        .orElse("-"));
    }
}
