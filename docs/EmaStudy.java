// The averaged-generator study behind the README's FID table: trains one run exactly as
// `dcgan train` does (same seeding, data order and steps: GanStep fed by BatchPrefetcher) and
// keeps several averages of G at once, since averaging changes nothing in training. After each
// chosen epoch it writes, for `dcgan evaluate`:
//   OUT/epoch<E>/netG.safetensors                 G as trained
//   OUT/epoch<E>/netG_ema<D>.safetensors          the average of decay D, BatchNorm statistics recomputed
//   OUT/epoch<E>/netG_ema<D>_copiedbn.safetensors the same weights with G's running statistics copied
//   ./mvnw -q -DskipTests package && java -cp "dcgan4j-cli/target/lib/*" docs/EmaStudy.java \
//       OUT mnist ../shared/data/mnist SEED EPOCHS "1,5" "0.99,0.999,0.9999" [realLabel] [lrD]
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.step.GeneratorAverage;
import dcgan4j.train.step.GanStep;
import dcgan4j.data.BatchPrefetcher;
import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.EpochOrder;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

public class EmaStudy {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        DatasetKind kind = DatasetKind.valueOf(args[1].toUpperCase().replace('-', '_'));
        Path dataDir = Path.of(args[2]);
        long seed = Long.parseLong(args[3]);
        int epochs = Integer.parseInt(args[4]);
        List<Integer> saveAt = Arrays.stream(args[5].split(",")).map(Integer::parseInt).toList();
        double[] decays = Arrays.stream(args[6].split(",")).mapToDouble(Double::parseDouble).toArray();
        double realLabel = args.length > 7 ? Double.parseDouble(args[7]) : 1.0;
        double lrD = args.length > 8 ? Double.parseDouble(args[8]) : 2e-4;
        Torch.useThreads(0);
        var request = DataRequest.builder(kind).dataDir(dataDir).build();
        try (var data = Datasets.load(request, null)) {
            ModelConfig model = ModelConfig.of(data.imageSize(), data.channels());
            TrainConfig config = TrainConfig.builder().epochs(epochs).batchSize(kind.batchSize()).seed(seed)
                    .realLabel(realLabel).lrD(lrD).build();
            System.out.println(config.toJson());
            Torch.seed(config.seed());
            var order = new EpochOrder(data.size(), config.batchSize(), config.seed(), config.dropLast());
            try (var g = new Generator(model); var d = new Discriminator(model);
                    var trainer = new GanStep(g, d, config);
                    var batches = new BatchPrefetcher(data, order, config.device())) {
                List<GeneratorAverage> averages = new ArrayList<>();
                for (double decay : decays) {
                    averages.add(new GeneratorAverage(g, decay, config.seed()));
                }
                long step = 0;
                long t0 = System.nanoTime();
                for (int epoch = 1; epoch <= epochs; epoch++) {
                    batches.start(epoch - 1, 0);
                    for (int b = 0; b < order.batchesPerEpoch(); b++) {
                        try (var scope = new PointerScope()) {
                            trainer.step(batches.next().images());
                        }
                        for (GeneratorAverage a : averages) {
                            a.update(step);           // after G's step, as GanStep's own average
                        }
                        step++;
                    }
                    System.out.printf("epoch %d done, step %d, %.0f s%n", epoch, step, (System.nanoTime() - t0) / 1e9);
                    if (saveAt.contains(epoch)) {
                        save(out.resolve("epoch" + epoch), g, averages, decays);
                    }
                }
            }
        }
    }

    private static void save(Path dir, Generator g, List<GeneratorAverage> averages, double[] decays) throws Exception {
        Files.createDirectories(dir);
        ModelFiles.save(g, dir.resolve("netG.safetensors"));
        Map<String, Tensor> raw = g.stateDict();
        for (int i = 0; i < decays.length; i++) {
            Generator average = averages.get(i).forSampling();
            ModelFiles.save(average, dir.resolve("netG_ema" + decays[i] + ".safetensors"));
            try (var copied = new Generator(g.config())) {
                Map<String, Tensor> state = average.stateDict();
                raw.forEach((name, t) -> {
                    if (name.contains("running_") || name.contains("num_batches")) {
                        state.put(name, t);
                    }
                });
                copied.loadStateDict(state);
                ModelFiles.save(copied, dir.resolve("netG_ema" + decays[i] + "_copiedbn.safetensors"));
            }
        }
    }
}
