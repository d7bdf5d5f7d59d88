package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.TrainConfig;
import dcgan4j.train.TrainingLoop;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dcgan train}: trains G and D and fills a run directory. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {"Train a DCGAN. With no options: the built-in synthetic digits, 28x28, 5 epochs.",
                "Datasets: synthetic, mnist, fashion-mnist, cifar10 (downloaded when missing) or any image folder.",
                "Writes real_samples.png, fake_samples_step_<N>.png, metrics.csv, netG/netD.safetensors."},
        footer = {"", "Examples:",
                "  dcgan train",
                "  dcgan train --epochs 5 --out runs/digits",
                "  dcgan train --dataset mnist --data-dir data/mnist --epochs 1",
                "  dcgan train --dataset photos/ --image-size 64 --batch-size 64",
                "  dcgan train --data-dir img_align_celeba --crop 25,50,128,128 --image-size 64",
                "  dcgan train --image-size 64 --channels 3 --batch-size 64 --lr-d 1e-4", "",
                ExitCodes.HELP_SECTION})
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);
    private static final TrainConfig D = TrainConfig.DEFAULTS;

    @Mixin
    DataOptions data;

    @Option(names = "--image-size", paramLabel = "S",
            description = "image side: 28, 32, 64 or 128 (default: the data's; 64 for folders)")
    Integer imageSize;

    @Option(names = "--channels", paramLabel = "C", description = "1 or 3 (default: the data's)")
    Integer channels;

    @Option(names = "--nz", description = "latent vector length (default: ${DEFAULT-VALUE})")
    int nz = ModelConfig.DEFAULT_NZ;

    @Option(names = "--ngf", description = "generator width (default: ${DEFAULT-VALUE})")
    int ngf = ModelConfig.DEFAULT_WIDTH;

    @Option(names = "--ndf", description = "discriminator width (default: ${DEFAULT-VALUE})")
    int ndf = ModelConfig.DEFAULT_WIDTH;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the data (default: ${DEFAULT-VALUE})")
    int epochs = D.epochs();

    @Option(names = "--batch-size", paramLabel = "N", description = "images per step (default: ${DEFAULT-VALUE})")
    int batchSize = D.batchSize();

    @Option(names = "--lr-g", paramLabel = "LR", description = "generator learning rate (default: ${DEFAULT-VALUE})")
    double lrG = D.lrG();

    @Option(names = "--lr-d", paramLabel = "LR", description = "discriminator learning rate (default: ${DEFAULT-VALUE})")
    double lrD = D.lrD();

    @Option(names = "--beta1", description = "Adam beta1 (default: ${DEFAULT-VALUE})")
    double beta1 = D.beta1();

    @Option(names = "--beta2", description = "Adam beta2 (default: ${DEFAULT-VALUE})")
    double beta2 = D.beta2();

    @Option(names = "--seed", description = "seed for init, noise and data order (default: ${DEFAULT-VALUE})")
    long seed = D.seed();

    @Option(names = "--sample-every", paramLabel = "STEPS",
            description = "steps between fixed-noise grids; 0 = epoch ends only (default: ${DEFAULT-VALUE})")
    int sampleEvery = D.sampleEvery();

    @Option(names = "--drop-last", description = "leave out each epoch's last batch when it is short")
    boolean dropLast;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<timestamp>)")
    Path out;

    @Mixin
    ThreadsOption threads;

    @Override
    public Integer call() throws Exception {
        // validate every value before any slow work starts
        TrainConfig config = new TrainConfig(epochs, batchSize, lrG, lrD, beta1, beta2, seed, sampleEvery,
                D.sampleCount(), dropLast);
        DataRequest request = data.request(imageSize, channels, seed);
        ModelConfig model = new ModelConfig(request.imageSize(), request.channels(), nz, ngf, ndf);
        if (out != null) {
            RunDirectory.requireUnused(out);
        }
        int threadCount = threads.apply();
        long start = System.nanoTime();
        try (ImageDataset images = Datasets.load(request, data.downloader())) {
            LOG.info("data: {} images of {}, {}x{}x{}, ready in {} ms; {} threads", images.size(), images.name(),
                    images.imageSize(), images.imageSize(), images.channels(), (System.nanoTime() - start) / 1_000_000,
                    threadCount);
            RunDirectory run = out == null ? RunDirectory.createTimestamped(Path.of("runs")) : RunDirectory.create(out);
            LOG.info("run directory: {}", run.root());
            new TrainingLoop(images, model, config, run, new ConsoleProgress()).run();
        }
        return ExitCodes.OK;
    }
}
