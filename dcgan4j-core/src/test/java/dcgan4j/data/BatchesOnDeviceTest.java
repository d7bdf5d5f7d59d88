package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import dcgan4j.torch.Device;
import dcgan4j.torch.Tensors;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.Test;

/** Batches travel as uint8 and are scaled where training runs: here the CPU, through the same code as for a GPU. */
class BatchesOnDeviceTest {
    @Test
    void scalingOnTheDeviceGivesExactlyTheFloatsOfJavasFormulaForEveryPixelValue() {
        byte[] all = new byte[256];
        for (int v = 0; v < 256; v++) {
            all[v] = (byte) v;
        }
        try (var scope = new PointerScope();
                var data = ImageDataset.of("ramp", all, 1, 1, 16, null, 0)) {
            float[] scaled = Tensors.toFloats(data.batch(new int[] {0}, 0, 1, Device.CPU));
            for (int v = 0; v < 256; v++) {
                // the conversion training used before batches moved as uint8: metrics.csv stays byte-identical
                assertThat(Float.floatToIntBits(scaled[v]))
                        .as("pixel %d", v)
                        .isEqualTo(Float.floatToIntBits(v / 127.5f - 1f));
            }
        }
    }

    @Test
    void prefetchedBatchesAndLabelsAreTheDatasetsOnTheGivenDevice() {
        try (var scope = new PointerScope();
                var digits = SyntheticDigits.generate(40, 3)) {
            var order = new EpochOrder(digits.size(), 16, 3, false);
            try (var batches = new BatchPrefetcher(digits, order, Device.CPU)) {
                batches.start(0, 1);
                var batch = batches.next();
                int[] p = order.permutation(0);
                assertThat(batch.images().equal(digits.batch(p, 16, 32))).isTrue();
                assertThat(Tensors.dtype(batch.labels())).isEqualTo(ScalarType.Long);
                assertThat(batch.labels().is_cpu()).isTrue();
                assertThat(Tensors.toFloats(batch.labels())).containsExactly(toFloats(digits.labels(p, 16, 32)));
                assertThat(batches.next().images().size(0)).isEqualTo(8); // the short last batch
            }
        }
    }

    private static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
