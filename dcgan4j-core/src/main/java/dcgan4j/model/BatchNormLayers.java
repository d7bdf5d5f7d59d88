package dcgan4j.model;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Which hidden layers of a network have BatchNorm (some users find BN in every layer unstable). Layers
 * are counted from the input, 1-based: the blocks before the output layer.
 *
 * @param spec {@code paper} (the paper's: every hidden layer of G, all but the first of D), {@code none},
 *             {@code all}, or a comma list of layer numbers such as {@code 2,3}
 */
public record BatchNormLayers(String spec) {
    public static final BatchNormLayers PAPER = new BatchNormLayers("paper");

    public BatchNormLayers {
        spec = spec.strip();
        if (!named(spec)) {
            spec = String.join(",", layers(spec).stream().map(String::valueOf).toList());
        }
    }

    /** Whether hidden layer {@code layer} has BatchNorm, given whether the paper gives it one. */
    public boolean at(int layer, boolean paper) {
        return switch (spec) {
            case "paper" -> paper;
            case "none" -> false;
            case "all" -> true;
            default -> layers(spec).contains(layer);
        };
    }

    /** @throws IllegalArgumentException when a listed layer is beyond the network's {@code hidden} layers */
    void requireWithin(int hidden, String network) {
        if (!named(spec) && layers(spec).last() > hidden) {
            throw new IllegalArgumentException(
                    network + " BatchNorm layers must be within 1.." + hidden + ", got " + spec);
        }
    }

    @Override
    public String toString() {
        return spec;
    }

    private static boolean named(String spec) {
        return spec.equals("paper") || spec.equals("none") || spec.equals("all");
    }

    private static TreeSet<Integer> layers(String list) {
        TreeSet<Integer> layers = new TreeSet<>();
        try {
            Arrays.stream(list.split(","))
                    .map(String::strip)
                    .map(Integer::parseInt)
                    .forEach(layers::add);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "BatchNorm layers must be paper, none, all or layer numbers like 2,3, got '" + list + "'");
        }
        if (layers.first() < 1) {
            throw new IllegalArgumentException("BatchNorm layers are numbered from 1, got '" + list + "'");
        }
        return layers;
    }
}
