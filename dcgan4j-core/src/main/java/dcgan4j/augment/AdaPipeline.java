package dcgan4j.augment;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * ADA's augmentation (Karras et al. 2020, "Training Generative Adversarial Networks with Limited
 * Data", stylegan2-ada-pytorch training/augment.py), in a simpler form: its pixel blitting (x-flip,
 * quarter turns, integer translation), colour and cutout, each applied to an image with probability p,
 * drawn apart per image and transform. ADA's geometric transforms that resample (scaling, arbitrary
 * rotation) and its filters are left out. An image no draw selects leaves the pipeline bit for bit
 * as it came in, since each transform is kept or dropped per image by a mask (or, for the blits, an
 * index), never scaled by 0.
 */
final class AdaPipeline {
    /** After the blits, in augment.py's order: colour, then cutout. */
    private static final List<Transform> AFTER_BLITS =
            List.of(Transform.BRIGHTNESS, Transform.CONTRAST, Transform.SATURATION, Transform.CUTOUT);

    private AdaPipeline() {}

    /** The batch (N, C, H, W) with each transform applied to each image with probability {@code p}. */
    static Tensor apply(Tensor images, double p, Draws draws) {
        if (p == 0) {
            return images; // the start of every run: nothing drawn, nothing spent
        }
        Tensor x = Blits.apply(images, p, draws);
        for (Transform t : AFTER_BLITS) {
            Tensor chosen = draws.chance(x, p); // (N, 1, 1, 1)
            x = torch.where(chosen, t.apply(x, draws), x);
        }
        return x;
    }
}
