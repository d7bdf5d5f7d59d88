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

    @Test
    void shardsAreDisjointEqualAndTogetherTheEpochLikeDistributedSampler() {
        EpochOrder whole = new EpochOrder(10, 2, 7, false);
        EpochOrder rank0 = whole.shard(0, 3);
        EpochOrder rank1 = whole.shard(1, 3);
        EpochOrder rank2 = whole.shard(2, 3);
        int[] epoch = whole.permutation(4);
        // 10 images over 3 ranks: 4 each, padded by wrapping to the permutation's start
        assertThat(rank0.permutation(4)).containsExactly(epoch[0], epoch[3], epoch[6], epoch[9]);
        assertThat(rank1.permutation(4)).containsExactly(epoch[1], epoch[4], epoch[7], epoch[0]);
        assertThat(rank2.permutation(4)).containsExactly(epoch[2], epoch[5], epoch[8], epoch[1]);
        assertThat(rank0.batchesPerEpoch()).isEqualTo(2).isEqualTo(rank2.batchesPerEpoch());
        assertThat(rank1.permutation(5)).isNotEqualTo(rank1.permutation(4));

        EpochOrder even = new EpochOrder(1000, 64, 1, true);
        int[] joined = java.util.stream.IntStream.concat(
                        Arrays.stream(even.shard(0, 2).permutation(0)),
                        Arrays.stream(even.shard(1, 2).permutation(0)))
                .sorted()
                .toArray();
        assertThat(joined).isEqualTo(SyntheticDigitsTest.indices(1000));
        assertThat(even.shard(1, 2).batchesPerEpoch()).isEqualTo(7);
        assertThatThrownBy(() -> new EpochOrder(10, 4, 1, false).shard(0, 4))
                .hasMessageContaining("larger than the dataset (10 images, 3 for each of 4 processes)");
    }
}
