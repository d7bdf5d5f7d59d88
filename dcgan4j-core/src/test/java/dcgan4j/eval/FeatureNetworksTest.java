package dcgan4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.torch.Tensors;
import dcgan4j.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.QualifiedName;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureNetworksTest {
    @Test
    void leNetLearnsTheDigitsFarAboveChanceAndReloadsToTheSameFeatures(@TempDir Path dir) throws Exception {
        Torch.seed(5);
        try (var train = SyntheticDigits.generate(1500, 11);
                var test = SyntheticDigits.generate(500, 12);
                var net = new LeNet("lenet-test", 10);
                var again = new LeNet("lenet-test", 10);
                var scope = new PointerScope()) {
            long[] heard = new long[3];
            net.fit(train, 1, 3, (done, total, epoch) -> {
                heard[0]++;
                heard[1] = done;
                heard[2] = total;
            });
            assertThat(heard)
                    .as("calls, last batch, total batches")
                    .containsExactly(23, 23, 23); // 1500 / 64, rounded down
            double after = net.accuracy(test);
            assertThat(after).as("accuracy after one short epoch (chance: 0.1)").isGreaterThan(0.7);

            Path file = dir.resolve("lenet.safetensors");
            net.save(file, Map.of("dcgan4j.test_accuracy", Double.toString(after)));
            assertThat(again.load(file)).containsEntry("dcgan4j.test_accuracy", Double.toString(after));
            try (var noGrad = new NoGradGuard()) {
                Tensor images = test.batch(new int[] {0, 1, 2, 3}, 0, 4);
                Tensor features = net.features(images);
                assertThat(Tensors.shape(features)).containsExactly(4, LeNet.FEATURES);
                assertThat(Tensors.toFloats(again.features(images))).containsExactly(Tensors.toFloats(features));
                // a 64x64 RGB version of the same digits lands on nearly the same features
                Tensor big = Tensors.resize(images, 64).expand(new long[] {-1, 3, -1, -1});
                assertThat(Tensors.shape(net.logits(big))).containsExactly(4, 10);
            }
        }
    }

    @Test
    void dataWithoutAShippedClassifierGetsOneTrainedOnceAndThenReadFromItsCache(@TempDir Path dir) throws Exception {
        var request = DataRequest.builder(DatasetKind.SYNTHETIC)
                .cacheDir(dir.resolve("cache"))
                .folderCache(false)
                .syntheticCount(1000)
                .build();
        Path file = Classifiers.cacheFile(request);
        assertThat(file).isEqualTo(dir.resolve("cache/synthetic/lenet-synthetic.safetensors"));
        var elsewhere = DataRequest.builder(DatasetKind.MNIST)
                .dataDir(dir.resolve("shared/mnist"))
                .cacheDir(dir.resolve("cache"))
                .folderCache(false)
                .syntheticCount(0)
                .build();
        assertThat(Classifiers.cacheFile(elsewhere)) // never into a folder given with --data-dir
                .isEqualTo(dir.resolve("cache/classifiers/lenet-mnist.safetensors"));
        var recipe = new Classifiers.Recipe(1, 640, 200);
        long[] batches = new long[1];
        var first = Classifiers.obtain(request, file, null, recipe, (done, total, epoch) -> batches[0] = done);
        try (var net = first.network()) {
            assertThat(Files.isRegularFile(file)).isTrue();
            assertThat(batches[0]).isEqualTo(10); // 640 / 64, each heard
            assertThat(first.description()).startsWith("lenet-synthetic (trained here, test accuracy");
        }
        long written = Files.getLastModifiedTime(file).toMillis();
        var second = Classifiers.obtain(request, file, null, recipe, (done, total, epoch) -> batches[0] = -1);
        try (var net = second.network()) {
            assertThat(batches[0]).as("no training the second time").isEqualTo(10);
            assertThat(second.testAccuracy()).isGreaterThan(0.3); // chance: 0.1
            assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(written);
        }
        var cifar = DataRequest.builder(DatasetKind.CIFAR10)
                .cacheDir(dir)
                .folderCache(false)
                .syntheticCount(1000)
                .build();
        assertThatThrownBy(() -> Classifiers.open(cifar, null, FitProgress.NONE))
                .hasMessageContaining("setting 'inception'");
    }

    /** A TorchScript module made and saved from Java stands in for the Inception file. */
    @Test
    void aTorchScriptFeatureNetworkIsLoadedAndFedCleanFidsImages(@TempDir Path dir) throws Exception {
        Torch.load();
        Path plain = dir.resolve("mean.pt");
        Path withLayers = dir.resolve("layers.pt");
        try (var module = new JitModule(new QualifiedName("MeanFeatures"))) {
            module.define("def forward(self, x):\n    return x.mean(dim=[2, 3])\n");
            module.save(plain.toString());
            try (var outer = new JitModule(new QualifiedName("Wrapper"))) {
                outer.register_module("layers", module);
                outer.define("def forward(self, x):\n    return self.layers.forward(x)\n");
                outer.save(withLayers.toString());
            }
        }
        try (var scope = new PointerScope();
                var noGrad = new NoGradGuard()) {
            Tensor grey = torch.rand(new long[] {2, 1, 28, 28})
                    .mul(new org.bytedeco.pytorch.Scalar(2.0))
                    .sub(new org.bytedeco.pytorch.Scalar(1.0));
            Tensor prepared = InceptionFeatures.prepare(grey);
            assertThat(Tensors.shape(prepared)).containsExactly(2, 3, 299, 299);
            try (var net = InceptionFeatures.load(plain)) {
                assertThat(net.name()).isEqualTo("torchscript");
                float[] features = Tensors.toFloats(net.features(grey));
                float[] expected = Tensors.toFloats(prepared.mean(new long[] {2, 3}));
                assertThat(features).containsExactly(expected, within(1e-3f));
            }
            try (var net = InceptionFeatures.load(withLayers)) {
                assertThat(net.name()).isEqualTo("inception-v3");
                float[] features = Tensors.toFloats(net.features(grey)); // (x - 128) / 128, as clean-fid feeds it
                float[] expected = Tensors.toFloats(prepared.mean(new long[] {2, 3})
                        .sub(new org.bytedeco.pytorch.Scalar(128.0))
                        .div(new org.bytedeco.pytorch.Scalar(128.0)));
                assertThat(features).containsExactly(expected, within(1e-5f));
            }
        }
        Path notScript = Files.writeString(dir.resolve("bad.pt"), "not a zip");
        assertThatThrownBy(() -> InceptionFeatures.load(notScript))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a TorchScript module");
    }
}
