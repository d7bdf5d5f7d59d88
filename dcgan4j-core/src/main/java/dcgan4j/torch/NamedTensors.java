package dcgan4j.torch;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * A training state is one flat map of named tensors, grouped by name prefixes ({@code netG.},
 * {@code optimizerD.}, {@code rank1.}), because that is what a safetensors checkpoint holds; these
 * move groups in and out of it, in order.
 */
public final class NamedTensors {
    private NamedTensors() {}

    /** Puts every tensor of {@code group} into {@code state} under {@code prefix + name}. */
    public static void putPrefixed(Map<String, Tensor> state, String prefix, Map<String, Tensor> group) {
        group.forEach((name, t) -> state.put(prefix + name, t));
    }

    /** The tensors of {@code state} whose names start with {@code prefix}, by the rest of their names. */
    public static Map<String, Tensor> withPrefix(Map<String, Tensor> state, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((name, t) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), t);
            }
        });
        return out;
    }

    /** @throws IllegalArgumentException naming the missing tensor */
    public static Tensor required(Map<String, Tensor> state, String name) {
        Tensor t = state.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the saved training state has no " + name);
        }
        return t;
    }
}
