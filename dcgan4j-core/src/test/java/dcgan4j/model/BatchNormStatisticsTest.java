package dcgan4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

class BatchNormStatisticsTest {
    private static final ModelConfig MODEL =
            ModelConfig.builder(28, 1).nz(8).ngf(8).ndf(8).build();

    @Test
    void recomputedStatisticsAreThePlainAverageOverThePassesWhateverTheyWereBefore() {
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard();
                var g = new Generator(MODEL)) {
            g.stateDict().get("main.1.running_mean").fill_(new Scalar(5.0)); // stale statistics
            g.stateDict().get("main.1.running_var").fill_(new Scalar(9.0));
            try (var rng = LatentNoise.generator(5)) {
                g.recomputeBatchNormStatistics(2, 16, rng);
            }
            Tensor weight = g.stateDict().get("main.0.weight");
            Tensor[] halves;
            try (var rng = LatentNoise.generator(5)) { // the same two batches of z
                halves = new Tensor[] {
                    firstLayer(LatentNoise.sample(16, MODEL, rng), weight),
                    firstLayer(LatentNoise.sample(16, MODEL, rng), weight)
                };
            }
            float[] mean = Tensors.toFloats(g.stateDict().get("main.1.running_mean"));
            float[] var = Tensors.toFloats(g.stateDict().get("main.1.running_var"));
            for (int c = 0; c < mean.length; c++) {
                double[] m = {channelMean(halves[0], c), channelMean(halves[1], c)};
                assertThat(mean[c]).isCloseTo((float) ((m[0] + m[1]) / 2), within(1e-5f));
                double v = (channelVariance(halves[0], c, m[0]) + channelVariance(halves[1], c, m[1])) / 2;
                assertThat(var[c]).isCloseTo((float) v, within(1e-4f));
            }
            assertThat(g.stateDict().get("main.1.num_batches_tracked").item_long())
                    .isEqualTo(2);
            assertThat(g.isTraining()).isFalse();
        }
    }

    @Test
    void theMomentumIsPutBackSoTrainingUpdatesTheStatisticsAsBefore() {
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard();
                var g = new Generator(MODEL);
                var rng = LatentNoise.generator(6)) {
            g.recomputeBatchNormStatistics(1, 16, rng);
            float before = Tensors.toFloats(g.stateDict().get("main.1.running_mean"))[0];
            Tensor z = LatentNoise.sample(16, MODEL, rng);
            g.train(true);
            g.forward(z);
            double batch = channelMean(firstLayer(z, g.stateDict().get("main.0.weight")), 0);
            assertThat(Tensors.toFloats(g.stateDict().get("main.1.running_mean"))[0])
                    .isCloseTo((float) (0.9 * before + 0.1 * batch), within(1e-5f)); // PyTorch's momentum 0.1
        }
    }

    @Test
    void dropoutIsOffAndLibtorchsRandomGeneratorUntouched() {
        var model = MODEL.toBuilder().gDropout(0.5).build();
        try (var scope = new PointerScope();
                var a = new Generator(model);
                var b = new Generator(model)) {
            b.loadStateDict(a.stateDict());
            Tensor state = torch.getDefaultCPUGenerator().get_state();
            try (var rng = LatentNoise.generator(7)) {
                a.recomputeBatchNormStatistics(2, 16, rng);
            }
            assertThat(torch.getDefaultCPUGenerator().get_state().equal(state)).isTrue();
            try (var rng = LatentNoise.generator(7)) {
                b.recomputeBatchNormStatistics(2, 16, rng);
            }
            assertThat(a.stateDict()
                            .get("main.5.running_mean")
                            .equal(b.stateDict().get("main.5.running_mean")))
                    .isTrue();
        }
    }

    /**
     * G's first layer in float64, where libtorch's own op is right on every CPU (in float32 oneDNN
     * computes this shape wrong on AMD Zen 5).
     */
    private static Tensor firstLayer(Tensor z, Tensor weight) {
        return torch.conv_transpose2d(z.to(ScalarType.Double), weight.to(ScalarType.Double));
    }

    private static double channelMean(Tensor maps, int c) {
        float[] x = Tensors.toFloats(maps.select(1, c).contiguous());
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Unbiased, as BatchNorm's running variance. */
    private static double channelVariance(Tensor maps, int c, double mean) {
        float[] x = Tensors.toFloats(maps.select(1, c).contiguous());
        double sum = 0;
        for (float v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }
}
