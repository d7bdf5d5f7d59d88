package dcgan4j.augment;

import org.bytedeco.pytorch.Tensor;

/**
 * One random transform of a batch: its parameters drawn per image, then {@link ImageOps} applied. The
 * ranges are DiffAugment's (DiffAugment_pytorch.py), used by ADA's pipeline too; the translation and
 * cutout sizes are both papers' (1/8 and 1/2 of the side, rounded).
 */
enum Transform {
    BRIGHTNESS {
        @Override
        Tensor apply(Tensor x, Draws d) {
            return ImageOps.brightness(x, d.uniform(x, -0.5, 0.5));
        }
    },
    SATURATION {
        @Override
        Tensor apply(Tensor x, Draws d) {
            return ImageOps.saturation(x, d.uniform(x, 0, 2));
        }
    },
    CONTRAST {
        @Override
        Tensor apply(Tensor x, Draws d) {
            return ImageOps.contrast(x, d.uniform(x, 0.5, 1.5));
        }
    },
    TRANSLATION {
        @Override
        Tensor apply(Tensor x, Draws d) {
            long sy = fraction(x.size(2), 0.125), sx = fraction(x.size(3), 0.125);
            return ImageOps.translate(x, d.integers(x, -sy, sy), d.integers(x, -sx, sx));
        }
    },
    CUTOUT {
        /** The square's centre anywhere on the image (for an odd side, one pixel short of the far edge, as DiffAugment). */
        @Override
        Tensor apply(Tensor x, Draws d) {
            long side = fraction(x.size(2), 0.5);
            long half = side / 2, odd = side % 2;
            Tensor top = d.integers(x, -half, x.size(2) - odd - half);
            Tensor left = d.integers(x, -half, x.size(3) - odd - half);
            return ImageOps.cutout(x, top, left, side);
        }
    };

    /** The transformed batch, same shape and dtype. */
    abstract Tensor apply(Tensor x, Draws d);

    /** {@code ratio} of {@code side}, rounded as DiffAugment rounds: int(side * ratio + 0.5). */
    static long fraction(long side, double ratio) {
        return (long) (side * ratio + 0.5);
    }
}
