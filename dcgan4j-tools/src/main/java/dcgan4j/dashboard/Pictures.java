package dcgan4j.dashboard;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import dcgan4j.sample.ArithmeticSheet;
import dcgan4j.sample.ClassSamples;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.LatentArithmetic;
import dcgan4j.sample.LatentWalk;
import dcgan4j.sample.Sampler;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * What the explorer draws, each parsed from a request's parameters and made by the calls the
 * command that draws it makes — so a picture here is the picture of that command: {@link Grid} is
 * {@code dcgan generate --seed S --count N}, {@link Walk} frame K of {@code dcgan walk seed:A seed:B
 * --steps S}, {@link Arithmetic} {@code dcgan arithmetic}'s sheet. Seeds name latent points, as
 * {@code seed:N} does for {@code walk}; they stop at 2³¹ − 1 so that a page's script holds them exactly.
 */
sealed interface Pictures {
    /** The most images one request may make: a grid of 8 × 8. */
    int MAX_IMAGES = 64;

    int MAX_STEPS = 256;
    long MAX_SEED = Integer.MAX_VALUE;
    /** Per group of an arithmetic: 3 × 12 members, their means, the result and 16 neighbours stay under the cap. */
    int MAX_GROUP = 12;

    int MAX_NEIGHBOURS = 16;

    /** The latent vectors of the picture, (N, nz, 1, 1): what its z download holds. */
    Tensor z(Generator generator);

    /** The picture; a conditional generator makes class {@code label}. */
    BufferedImage render(Generator generator, Integer label);

    /** A file name for it, without extension. */
    String name();

    /** The picture a request names: {@code grid}, {@code walk} or {@code arithmetic}. */
    static Pictures parse(String kind, Map<String, String> query) {
        return switch (kind) {
            case "grid" ->
                new Grid(Requests.number(query, "seed", 0, MAX_SEED), (int)
                        Requests.number(query, "count", 1, MAX_IMAGES));
            case "walk" -> Walk.parse(query);
            case "arithmetic" ->
                new Arithmetic(
                        Requests.numbers(query, "a", MAX_GROUP, 0, MAX_SEED),
                        Requests.numbers(query, "b", MAX_GROUP, 0, MAX_SEED),
                        Requests.numbers(query, "c", MAX_GROUP, 0, MAX_SEED),
                        (int) Requests.number(query, "neighbours", 0, MAX_NEIGHBOURS, 7));
            default -> throw new IllegalArgumentException("no such picture: " + kind);
        };
    }

    /** Images {@code seed} … {@code seed + count − 1}, 8 to a row; a conditional run's classes cycle unless chosen. */
    record Grid(long seed, int count) implements Pictures {
        static final int NROW = 8;

        @Override
        public Tensor z(Generator generator) {
            return LatentNoise.forSeeds(seed, count, generator.config());
        }

        @Override
        public BufferedImage render(Generator generator, Integer label) {
            return ImageGrid.of(ClassSamples.generate(generator, count, seed, label, 0), NROW);
        }

        @Override
        public String name() {
            return "seed" + seed + (count > 1 ? "-" + (seed + count - 1) : "");
        }
    }

    /** Frame {@code frame} of {@code steps} from seed {@code a}'s z to seed {@code b}'s. */
    record Walk(long a, long b, int steps, int frame, LatentWalk.Mode mode) implements Pictures {
        static Walk parse(Map<String, String> query) {
            int steps = (int) Requests.number(query, "steps", 1, MAX_STEPS);
            String mode = query.getOrDefault("mode", "spherical");
            if (!mode.equals("spherical") && !mode.equals("linear")) {
                throw new IllegalArgumentException("mode must be spherical or linear");
            }
            return new Walk(
                    Requests.number(query, "a", 0, MAX_SEED),
                    Requests.number(query, "b", 0, MAX_SEED),
                    steps,
                    (int) Requests.number(query, "frame", 0, steps),
                    LatentWalk.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
        }

        @Override
        public Tensor z(Generator generator) {
            Tensor points = torch.cat(new TensorVector(seeds(List.of(a, b), generator)));
            return LatentWalk.frame(points, steps, mode, frame);
        }

        @Override
        public BufferedImage render(Generator generator, Integer label) {
            Tensor images = Sampler.generate(generator, z(generator), ClassSamples.labels(generator, label, 1));
            return ImageGrid.tiles(images).get(0);
        }

        @Override
        public String name() {
            return "walk-seed" + a + "-seed" + b + "-" + mode.name().toLowerCase(Locale.ROOT) + "-" + frame + "of"
                    + steps;
        }
    }

    /**
     * mean(A) − mean(B) + mean(C) over the z of seeds, with {@code neighbours} around it (σ 0.25, noise
     * seed 1: {@code dcgan arithmetic}'s defaults); the z download is the result's, as that command saves.
     */
    record Arithmetic(List<Long> a, List<Long> b, List<Long> c, int neighbours) implements Pictures {
        @Override
        public Tensor z(Generator generator) {
            return LatentArithmetic.combine(group(a, generator), group(b, generator), group(c, generator));
        }

        @Override
        public BufferedImage render(Generator generator, Integer label) {
            Tensor result = z(generator);
            List<ArithmeticSheet.Group> groups = List.of(
                    new ArithmeticSheet.Group("A", ints(a), group(a, generator)),
                    new ArithmeticSheet.Group("B", ints(b), group(b, generator)),
                    new ArithmeticSheet.Group("C", ints(c), group(c, generator)));
            Tensor near = LatentArithmetic.around(result, neighbours, 0.25, 1);
            return ArithmeticSheet.render(generator, label, groups, result, near);
        }

        @Override
        public String name() {
            return "arithmetic-" + join(a) + "-minus-" + join(b) + "-plus-" + join(c);
        }

        private static Tensor group(List<Long> seeds, Generator generator) {
            return torch.cat(new TensorVector(seeds(seeds, generator)));
        }

        private static List<Integer> ints(List<Long> seeds) {
            return seeds.stream().map(Long::intValue).toList();
        }

        private static String join(List<Long> seeds) {
            return String.join("_", seeds.stream().map(String::valueOf).toList());
        }
    }

    private static Tensor[] seeds(List<Long> seeds, Generator generator) {
        return seeds.stream()
                .map(s -> LatentNoise.forSeeds(s, 1, generator.config()))
                .toArray(Tensor[]::new);
    }
}
