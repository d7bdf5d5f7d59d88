package dcgan4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dcgan4j.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code subset} and {@code mirror} of a {@link DataRequest}, through {@link Datasets#load}. */
class SubsetTest {
    @TempDir
    Path dir;

    private static DataRequest.Builder digits(int subset, long seed) {
        return DataRequest.builder(DatasetKind.SYNTHETIC)
                .syntheticCount(300)
                .seed(seed)
                .subset(subset)
                .cacheDir(Path.of("unused"));
    }

    @Test
    void theSameCountAndSeedKeepTheSameImagesWithTheirLabels() throws IOException {
        try (var all = Datasets.load(digits(0, 3).build(), null);
                var a = Datasets.load(digits(40, 3).build(), null);
                var again = Datasets.load(digits(40, 3).build(), null)) {
            assertThat(a.size()).isEqualTo(40);
            assertThat(torch.equal(a.images(), again.images())).isTrue();
            Map<String, Integer> labelOf = labelsByPixels(all);
            assertThat(labelOf).hasSize(300); // every built-in digit differs: pixels name an image
            Map<String, Integer> chosen = labelsByPixels(a);
            assertThat(chosen).hasSize(40); // drawn without replacement
            chosen.forEach((pixels, label) -> assertThat(labelOf).containsEntry(pixels, label));
        }
    }

    @Test
    void anotherSeedKeepsOtherImagesAndASmallerSubsetLiesInsideALargerOne() throws IOException {
        // the subset's seed also renders the built-in digits: draw from fixed images by loading all of one seed
        try (var all = Datasets.load(digits(0, 5).build(), null)) {
            int[] a = Subset.indices(all, 40, 5);
            assertThat(a).isSorted().doesNotHaveDuplicates().hasSize(40);
            assertThat(a).isNotEqualTo(Subset.indices(all, 40, 6));
            assertThat(IntStream.of(Subset.indices(all, 120, 5)).boxed().toList())
                    .containsAll(IntStream.of(a).boxed().toList());
        }
    }

    @Test
    void aSubsetOfMnistIsDrawnFromTheTrainingSplit() throws IOException {
        DataRequest mnist = DataRequest.builder(DatasetKind.MNIST)
                .dataDir(SharedData.dir("mnist"))
                .cacheDir(dir)
                .subset(1000)
                .seed(7)
                .build();
        try (var a = Datasets.load(mnist, null);
                var again = Datasets.load(mnist, null);
                var other = Datasets.load(mnist.toBuilder().seed(8).build(), null)) {
            assertThat(a.size()).isEqualTo(1000);
            assertThat(torch.equal(a.images(), again.images())).isTrue();
            assertThat(torch.equal(a.images(), other.images())).isFalse();
            assertThat(IntStream.range(0, 1000).map(a::label).distinct().count())
                    .isEqualTo(10);
        }
    }

    @Test
    void moreImagesThanTheDataHasIsOneClearError() {
        assertThatThrownBy(() -> Datasets.load(digits(301, 1).build(), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("setting 'subset' asks for 301 images, but synthetic has 300");
    }

    @Test
    void mirrorDoublesTheSubsetWithEachImageFlippedLeftToRight() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 6; i++) {
            BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            ImageIO.write(image, "png", photos.resolve(i + ".png").toFile());
        }
        DataRequest folder = DataRequest.builder(DatasetKind.FOLDER)
                .dataDir(photos)
                .imageSize(8)
                .folderCache(false)
                .cacheDir(dir)
                .subset(4)
                .build();
        try (var plain = Datasets.load(folder, null);
                var mirrored = Datasets.load(folder.toBuilder().mirror(true).build(), null)) {
            assertThat(mirrored.size()).isEqualTo(8);
            int n = plain.size();
            byte[] original = plain.gather(IntStream.range(0, n).toArray(), 0, n);
            byte[] both = mirrored.gather(IntStream.range(0, 2 * n).toArray(), 0, 2 * n);
            int half = original.length;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < 3; c++) {
                    for (int y = 0; y < 8; y++) {
                        for (int x = 0; x < 8; x++) {
                            int at = ((i * 3 + c) * 8 + y) * 8;
                            assertThat(both[at + x]).isEqualTo(original[at + x]);
                            assertThat(both[half + at + x]).isEqualTo(original[at + 7 - x]);
                        }
                    }
                }
            }
        }
    }

    @Test
    void mirroredFashionKeepsItsLabelsTwice() throws IOException {
        DataRequest fashion = DataRequest.builder(DatasetKind.FASHION_MNIST)
                .dataDir(SharedData.dir("fashion-mnist"))
                .cacheDir(dir)
                .subset(50)
                .mirror(true)
                .build();
        try (var mirrored = Datasets.load(fashion, null)) {
            assertThat(mirrored.size()).isEqualTo(100);
            for (int i = 0; i < 50; i++) {
                assertThat(mirrored.label(50 + i)).isEqualTo(mirrored.label(i));
            }
        }
    }

    @Test
    void digitsAreNeverMirrored() {
        for (DatasetKind kind : List.of(DatasetKind.MNIST, DatasetKind.SYNTHETIC)) {
            assertThatThrownBy(() -> DataRequest.builder(kind).mirror(true).build())
                    .hasMessage("setting 'mirror' is not for " + kind.id()
                            + ": a mirrored digit is another symbol (folders, cifar10 and fashion-mnist may be "
                            + "mirrored)");
        }
        assertThat(DataRequest.builder(DatasetKind.FASHION_MNIST)
                        .mirror(true)
                        .build()
                        .mirror())
                .isTrue();
    }

    @Test
    void heldOutImagesAreAllOfThemWhateverTheSubset() {
        DataRequest training = DataRequest.builder(DatasetKind.CIFAR10)
                .subset(100)
                .mirror(true)
                .build();
        DataRequest heldOut = Datasets.heldOut(training);
        assertThat(heldOut.split()).isEqualTo(Split.TEST);
        assertThat(heldOut.subset()).isZero();
        assertThat(heldOut.mirror()).isFalse();
    }

    private static Map<String, Integer> labelsByPixels(ImageDataset data) {
        int per = data.channels() * data.imageSize() * data.imageSize();
        byte[] pixels = data.gather(IntStream.range(0, data.size()).toArray(), 0, data.size());
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < data.size(); i++) {
            out.put(new String(pixels, i * per, per, StandardCharsets.ISO_8859_1), data.label(i));
        }
        return out;
    }
}
