package dcgan4j.cli;

import dcgan4j.data.DataRequest;
import dcgan4j.model.ModelConfig;
import dcgan4j.train.config.TrainConfig;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * Every setting of a training run, one option each: shared by {@code train} and {@code import}
 * (which prepares a run to be trained on), and written to / read from {@code config.yaml}.
 */
final class TrainOptions {
    private static final TrainConfig D = TrainConfig.DEFAULTS;

    @Mixin
    DataOptions data;

    @Mixin
    SubsetOptions subset;

    @Mixin
    VariantOptions variant;

    @Mixin
    RegimeOptions regime;

    @Mixin
    AugmentOptions augment;

    @Option(
            names = "--image-size",
            paramLabel = "S",
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

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description =
                    "images per step (default: the data's: 128 synthetic, 32 MNIST-type, 64 CIFAR-10 and folders)")
    Integer batchSize;

    @Option(names = "--lr-g", paramLabel = "LR", description = "generator learning rate (default: ${DEFAULT-VALUE})")
    double lrG = D.lrG();

    @Option(
            names = "--lr-d",
            paramLabel = "LR",
            description = "discriminator learning rate (default: ${DEFAULT-VALUE})")
    double lrD = D.lrD();

    @Option(names = "--beta1", description = "Adam beta1 (default: ${DEFAULT-VALUE})")
    double beta1 = D.beta1();

    @Option(names = "--beta2", description = "Adam beta2 (default: ${DEFAULT-VALUE})")
    double beta2 = D.beta2();

    @Option(names = "--seed", description = "seed for init, noise and data order (default: ${DEFAULT-VALUE})")
    long seed = D.seed();

    @Option(
            names = "--sample-every",
            paramLabel = "STEPS",
            description = "steps between fixed-noise grids, and at epoch ends when epochs are at least this long; "
                    + "0 = epoch ends only (default: ${DEFAULT-VALUE})")
    int sampleEvery = D.sampleEvery();

    @Option(
            names = "--sample-count",
            paramLabel = "N",
            description = "fixed-noise samples in each grid, 8 to a row (default: ${DEFAULT-VALUE})")
    int sampleCount = D.sampleCount();

    @Option(names = "--drop-last", description = "leave out each epoch's last batch when it is short")
    boolean dropLast;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "STEPS",
            description = "steps between full-state checkpoints, and at epoch ends when epochs are at least this "
                    + "long; 0 = epoch ends only "
                    + "(default: ${DEFAULT-VALUE})")
    int checkpointEvery = D.checkpointEvery();

    @Option(
            names = "--keep-checkpoints",
            paramLabel = "K",
            description = "newest checkpoints kept (default: ${DEFAULT-VALUE})")
    int keepCheckpoints = D.keepCheckpoints();

    @Option(
            names = "--eval-every",
            paramLabel = "STEPS",
            description = "steps between FID/KID measurements on 5,000 samples (metrics.csv, fid.png, "
                    + "netG_best.safetensors); 0 = never (default: ${DEFAULT-VALUE})")
    int evalEvery = D.evalEvery();

    @Option(
            names = "--ema",
            paramLabel = "DECAY",
            description =
                    "keep an exponential moving average of G with this decay, saved as netG_ema.safetensors and "
                            + "used for the grids, --eval-every and the commands that sample; 0 = none (default: ${DEFAULT-VALUE})")
    double ema = D.ema();

    @Mixin
    FeatureOptions features;

    /** Set by {@link #resolveData()}. */
    private DataRequest request;

    /**
     * The data request, with every "the data's own" default replaced by its value, so that the
     * options (and the config written from them) say exactly what was used.
     */
    DataRequest resolveData() {
        request = subset.apply(data.request(imageSize, channels, seed));
        data.record(request);
        imageSize = request.imageSize();
        channels = request.channels();
        batchSize = batchSize == null ? request.kind().batchSize() : batchSize;
        return request;
    }

    /** Takes the architecture of existing weights. */
    void useArchitecture(ModelConfig model) {
        imageSize = model.imageSize();
        channels = model.channels();
        nz = model.nz();
        ngf = model.ngf();
        ndf = model.ndf();
        variant.use(model.variant());
    }

    /**
     * The training settings of {@code command}'s options, read from the record they write (config.yaml):
     * every setting's option has the setting's own name, so no setting is copied here by hand. Valid
     * after {@link #resolveData()}.
     */
    TrainConfig trainConfig(CommandSpec command) throws IOException {
        return TrainConfig.fromRecord(ConfigFile.write(command, "the training settings"));
    }

    /** Valid after {@link #resolveData()}. */
    ModelConfig modelConfig() {
        return variant.apply(
                        ModelConfig.builder(imageSize, channels).nz(nz).ngf(ngf).ndf(ndf), request.kind())
                .build();
    }
}
