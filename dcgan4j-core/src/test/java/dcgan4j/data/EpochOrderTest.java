package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochOrderTest {

    @Test
    void eachEpochIsAPermutationReproducibleFromTheSeed() {
        EpochOrder order = new EpochOrder(1000, 128, 42, true);
        int[] e0 = order.permutation(0);
        int[] sorted = e0.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(SyntheticDigitsTest.indices(1000));
        assertThat(order.permutation(1)).isNotEqualTo(e0);
        assertThat(new EpochOrder(1000, 128, 42, true).permutation(0)).isEqualTo(e0);
        assertThat(new EpochOrder(1000, 128, 43, true).permutation(0)).isNotEqualTo(e0);
    }

    @Test
    void aShortLastBatchIsKeptUnlessDropped() {
        assertThat(new EpochOrder(1000, 128, 1, true).batchesPerEpoch()).isEqualTo(7);
        EpochOrder keep = new EpochOrder(1000, 128, 1, false);
        assertThat(keep.batchesPerEpoch()).isEqualTo(8);
        assertThat(keep.from(7)).isEqualTo(896);
        assertThat(keep.to(7)).isEqualTo(1000);
        assertThatThrownBy(() -> new EpochOrder(10, 128, 1, false)).hasMessageContaining("larger than the dataset");
    }
}
