package dcgan4j.examples;

import dcgan4j.data.BatchPrefetcher;
import dcgan4j.data.DataRequest;
import dcgan4j.data.DatasetKind;
import dcgan4j.data.Datasets;
import dcgan4j.data.EpochOrder;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Torch;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.step.GanStep;
import dcgan4j.train.step.GeneratorAverage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * The averaged-generator study of docs/studies/ema.md. Averaging changes nothing in training, so one
 * run can keep several averages of G at once, where {@code dcgan train} keeps one: this loop trains
 * exactly as {@code dcgan train} does (the same kernel check, seeding, data order and steps: a
 * {@link GanStep} fed by a {@link BatchPrefetcher}; EmaStudyTest holds it to that) with its own
 * {@link GeneratorAverage}s beside it. After each chosen epoch it writes, for {@code dcgan evaluate}:
 * <pre>
 *   OUT/epoch&lt;E&gt;/netG.safetensors                  G as trained
 *   OUT/epoch&lt;E&gt;/netG_ema&lt;D&gt;.safetensors           the average of decay D, BatchNorm statistics recomputed
 *   OUT/epoch&lt;E&gt;/netG_ema&lt;D&gt;_copiedbn.safetensors  the same weights with G's running statistics copied
 * </pre>
 * Run it from the repository root:
 * <pre>
 *   ./mvnw -q -B -DskipTests package
 *   java -cp "examples/target/classes:dcgan4j-cli/target/lib/*" dcgan4j.examples.EmaStudy \
 *       OUT mnist ../shared/data/mnist SEED EPOCHS 1,5 0.99,0.999,0.9999 [realLabel] [lrD]
 * </pre>
 */
public final class EmaStudy {
    private EmaStudy() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        DatasetKind kind = DatasetKind.valueOf(args[1].toUpperCase(Locale.ROOT).replace('-', '_'));
        Path dataDir = Path.of(args[2]);
        long seed = Long.parseLong(args[3]);
        int epochs = Integer.parseInt(args[4]);
        List<Integer> saveAt =
                Arrays.stream(args[5].split(",")).map(Integer::parseInt).toList();
        double[] decays = Arrays.stream(args[6].split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
        double realLabel = args.length > 7 ? Double.parseDouble(args[7]) : 1.0;
        double lrD = args.length > 8 ? Double.parseDouble(args[8]) : 2e-4;
        Torch.useThreads(0);
        TrainConfig config = TrainConfig.builder()
                .epochs(epochs)
                .batchSize(kind.batchSize())
                .seed(seed)
                .realLabel(realLabel)
                .lrD(lrD)
                .build();
        System.out.print(config.toYaml());
        try (var data = Datasets.load(DataRequest.builder(kind).dataDir(dataDir).build(), null)) {
            train(data, config, saveAt, decays, out);
        }
    }

    /**
     * Trains an unconditional G and D for {@code data} as {@code Trainer} would with {@code config},
     * writing G and an average of each of {@code decays} after each epoch of {@code saveAt}.
     */
    public static void train(ImageDataset data, TrainConfig config, List<Integer> saveAt, double[] decays, Path out)
            throws IOException {
        ModelConfig model = ModelConfig.of(data.imageSize(), data.channels());
        Network.checkKernels(model, config.precision(), config.device());
        Torch.seed(config.seed());
        var order = new EpochOrder(data.size(), config.batchSize(), config.seed(), config.dropLast());
        List<GeneratorAverage> averages = new ArrayList<>();
        try (var g = new Generator(model);
                var d = new Discriminator(model);
                var step = new GanStep(g, d, config);
                var batches = new BatchPrefetcher(data, order, config.device())) {
            for (double decay : decays) {
                averages.add(new GeneratorAverage(g, decay, config.seed()));
            }
            long steps = 0;
            long t0 = System.nanoTime();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                batches.start(epoch - 1, 0);
                for (int b = 0; b < order.batchesPerEpoch(); b++) {
                    try (var scope = new PointerScope()) {
                        step.step(batches.next().images());
                    }
                    for (GeneratorAverage average : averages) {
                        average.update(steps); // after G's step, as GanStep's own average
                    }
                    steps++;
                }
                System.out.printf("epoch %d done, step %d, %.0f s%n", epoch, steps, (System.nanoTime() - t0) / 1e9);
                if (saveAt.contains(epoch)) {
                    save(out.resolve("epoch" + epoch), g, averages, decays);
                }
            }
        } finally {
            averages.forEach(GeneratorAverage::close);
        }
    }

    private static void save(Path dir, Generator g, List<GeneratorAverage> averages, double[] decays)
            throws IOException {
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
