package dcgan4j.torch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.global.torch;

/**
 * What libtorch says of its own build ({@code torch.__config__.show()} in Python): the versions a bug
 * report about a native kernel needs, since the bindings' version alone does not say which oneDNN
 * computes the convolutions.
 *
 * @param libtorch      libtorch's version, e.g. {@code 2.10.0}
 * @param onednn        the bundled oneDNN's, e.g. {@code 3.7.1}
 * @param cpuCapability the vector instructions ATen's own CPU kernels use, e.g. {@code AVX512}
 */
public record NativeBuild(String libtorch, String onednn, String cpuCapability) {
    private static final Pattern LIBTORCH = Pattern.compile("TORCH_VERSION=([^,\\s]+)");
    private static final Pattern ONEDNN = Pattern.compile("(?:MKL-DNN|oneDNN) v([0-9][^\\s(]*)");
    private static final Pattern CAPABILITY = Pattern.compile("CPU capability usage: (\\S+)");

    /** Reads the running libtorch's build configuration. */
    public static NativeBuild read() {
        Torch.load();
        return parse(torch.show_config().getString());
    }

    /** The fields of a {@code show_config()} text; {@code unknown} for any it lacks. */
    static NativeBuild parse(String config) {
        return new NativeBuild(find(LIBTORCH, config), find(ONEDNN, config), find(CAPABILITY, config));
    }

    private static String find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "unknown";
    }
}
