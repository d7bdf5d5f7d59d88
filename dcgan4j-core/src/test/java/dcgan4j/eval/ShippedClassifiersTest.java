package dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.Split;
import dcgan4j.testing.SharedData;
import dcgan4j.torch.Tensors;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShippedClassifiersTest {
    @Test
    void mnistAndFashionMnistAreMeasuredWithTheShippedNetworksWithoutTraining(@TempDir Path dir) throws Exception {
        for (DatasetKind kind : new DatasetKind[] {DatasetKind.MNIST, DatasetKind.FASHION_MNIST}) {
            var request = DataRequest.builder(kind).cacheDir(dir).build();
            Classifiers.Trained opened = Classifiers.open(request, null, (done, total, epoch) -> fail("trained"));
            try (var network = opened.network()) {
                assertThat(network.name()).isEqualTo("lenet-" + kind.id() + " v1");
                assertThat(opened.description()).startsWith("lenet-" + kind.id() + " v1 (shipped, test accuracy ");
                assertThat(opened.testAccuracy()).isGreaterThan(kind == DatasetKind.MNIST ? 0.985 : 0.89);
            }
        }
        assertThat(dir).as("nothing downloaded, trained or cached").isEmptyDirectory();
        assertThat(ShippedClassifiers.load(DatasetKind.SYNTHETIC)).isEmpty();
    }

    @Test
    void theShippedWeightsHaveTheirRecordedSha256AndDamagedOnesAreRefused() throws Exception {
        for (DatasetKind kind : new DatasetKind[] {DatasetKind.MNIST, DatasetKind.FASHION_MNIST}) {
            String resource = ShippedClassifiers.resource(kind);
            byte[] weights = bytes(resource);
            String line = new String(bytes(resource + ".sha256"), StandardCharsets.US_ASCII);
            assertThat(weights.length).as("a resource under 2 MB").isLessThan(2 << 20);
            assertThat(line)
                    .isEqualTo(ShippedClassifiers.sha256(weights) + "  "
                            + Path.of(resource).getFileName() + "\n");

            weights[weights.length - 1] ^= 1;
            String expected = line.substring(0, 64);
            assertThatThrownBy(() -> ShippedClassifiers.load("damaged", weights, expected, resource))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("is damaged: SHA-256");
        }
    }

    /** 2,000 images of the real test splits, the first ones: enough to tell a working network, quickly. */
    @ParameterizedTest
    @CsvSource({"mnist, MNIST, 0.985", "fashion-mnist, FASHION_MNIST, 0.89"})
    void theShippedNetworksClassifyTheRealTestSplits(String folder, DatasetKind kind, double least) throws Exception {
        var request = DataRequest.builder(kind)
                .dataDir(SharedData.dir(folder))
                .split(Split.TEST)
                .build();
        int[] first = IntStream.range(0, 2000).toArray();
        try (var test = Datasets.load(request, null);
                var network = ShippedClassifiers.load(kind).orElseThrow().network();
                var scope = new PointerScope();
                var noGrad = new NoGradGuard()) {
            var predicted = network.logits(test.batch(first, 0, first.length)).argmax(new LongOptional(1), false);
            long correct = predicted
                    .eq(Tensors.indices(test.labels(first, 0, first.length)))
                    .sum()
                    .item_long();
            assertThat(correct / 2000.0).isGreaterThanOrEqualTo(least);
        }
    }

    private static byte[] bytes(String resource) throws Exception {
        try (InputStream in = ShippedClassifiers.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }
}
