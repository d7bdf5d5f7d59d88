package dcgan4j.augment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * DiffAugment (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient GAN Training"): the
 * same random transforms on every image D sees, real or fake, in D's step and in G's, so that D cannot
 * tell them apart by the augmentation and G's gradient passes through it. Every image gets every
 * transform of the policy, each with its own draw.
 */
final class DiffAugment {
    /** The policy's words, as the paper's code names them. */
    private static final Map<String, List<Transform>> WORDS = Map.of(
            "color", List.of(Transform.BRIGHTNESS, Transform.SATURATION, Transform.CONTRAST),
            "translation", List.of(Transform.TRANSLATION),
            "cutout", List.of(Transform.CUTOUT));

    private final List<Transform> transforms;

    DiffAugment(String policy) {
        this.transforms = parse(policy);
    }

    /**
     * The transforms a policy names, in its order.
     *
     * @throws IllegalArgumentException for an empty policy or an unknown word
     */
    static List<Transform> parse(String policy) {
        if (policy == null || policy.isBlank()) {
            throw new IllegalArgumentException(
                    "the augment policy (setting 'augment-policy') must name at least one of color, translation, cutout");
        }
        List<Transform> out = new ArrayList<>();
        for (String word : Augmentation.names(policy)) {
            List<Transform> named = WORDS.get(word);
            if (named == null) {
                throw new IllegalArgumentException("unknown augment policy '" + word
                        + "' (setting 'augment-policy'): use a comma list of color, translation, cutout");
            }
            out.addAll(named);
        }
        return List.copyOf(out);
    }

    /** The batch (N, C, H, W) after every transform of the policy. */
    Tensor apply(Tensor images, Draws draws) {
        Tensor x = images;
        for (Transform t : transforms) {
            x = t.apply(x, draws);
        }
        return x;
    }
}
