package dcgan4j.bench;

import dcgan4j.augment.Augmentation;
import dcgan4j.augment.Augmenter;
import dcgan4j.torch.Tensors;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * What {@code --augment} adds to a step at 64×64: the three batches D sees per step (reals and fakes in
 * D's update, fakes in G's) put through the augmentation, set against the same process's median
 * training step, with the backward pass through the transforms that G's update adds. ADA is timed at p = 1,
 * its most expensive.
 */
final class AugmentBenchmark {
    private AugmentBenchmark() {}

    /** {@code train64}: the 64×64 training case of the same run, the baseline. */
    static List<Benchmark.Case> run(int warmup, int iterations, Benchmark.Case train64) {
        var diff = new Augmentation(Augmentation.Kind.DIFF, Augmentation.NONE.policy(), 0.6, 4, 100_000);
        var ada = new Augmentation(Augmentation.Kind.ADA, Augmentation.NONE.policy(), 0.6, 4, 100_000);
        return List.of(
                time("augment_diff_64x64x3", diff, false, train64, warmup, iterations),
                time("augment_ada_p1_64x64x3", ada, true, train64, warmup, iterations));
    }

    private static Benchmark.Case time(
            String name, Augmentation settings, boolean fullStrength, Benchmark.Case step, int warmup, int iterations) {
        try (var scope = new PointerScope();
                var augmenter = new Augmenter(settings, 1)) {
            if (fullStrength) { // p = 1 through the checkpoint state, as a resumed run would set it
                Map<String, Tensor> state = augmenter.state();
                state.put(Augmenter.ADA, Tensors.fromDoubles(1, 0, 0, 0, 0));
                augmenter.restore(state);
            }
            Tensor images = torch.rand(step.batch(), 3, 64, 64)
                    .mul_(new Scalar(2))
                    .sub_(new Scalar(1)); // (N, 3, 64, 64) in [-1, 1]
            double[] ms = new double[iterations];
            for (int i = -warmup; i < iterations; i++) {
                long t0 = System.nanoTime();
                try (var inner = new PointerScope()) {
                    augmenter.apply(images); // D's update: the reals
                    augmenter.apply(images); // and the fakes, detached from G: no gradient back through
                    Tensor fakes = images.detach().requires_grad_(true); // G's update: the gradient goes
                    augmenter.apply(fakes).sum().backward(); // back through the transforms into G
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            return new Benchmark.Case(name, step.batch(), Benchmark.median(ms), null, step.name(), step.medianMs());
        }
    }
}
