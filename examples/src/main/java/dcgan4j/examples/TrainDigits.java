package dcgan4j.examples;

import dcgan4j.data.ImageDataset;
import dcgan4j.data.SyntheticDigits;
import dcgan4j.sample.TrainedGenerator;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import java.nio.file.Path;

/** The README's library example: a few steps on the built-in digits, then a grid of samples. */
public final class TrainDigits {
    public static void main(String[] args) throws Exception {
        Path run;
        try (ImageDataset digits = SyntheticDigits.generate(1_280, 1)) {
            Trainer trainer = Trainer.builder()
                    .data(digits)
                    .runsIn(Path.of(args.length > 0 ? args[0] : "runs"))
                    .config(TrainConfig.builder().epochs(1).batchSize(64).build())
                    .build();
            trainer.train(); // 20 steps of 64 images
            run = trainer.runDirectory().root();
        }
        try (var generator = TrainedGenerator.load(run)) {
            System.out.println(generator.saveGrid(64, 1, run.resolve("grid.png")));
        }
    }
}
