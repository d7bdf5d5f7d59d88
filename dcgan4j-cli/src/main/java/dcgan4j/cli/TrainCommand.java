package dcgan4j.cli;

import dcgan4j.conv.ConvRoutes;
import dcgan4j.conv.LayerCheck;
import dcgan4j.data.DataRequest;
import dcgan4j.data.Datasets;
import dcgan4j.data.ImageDataset;
import dcgan4j.dist.Cluster;
import dcgan4j.dist.DataParallel;
import dcgan4j.dist.DistributedEnv;
import dcgan4j.eval.Evaluator;
import dcgan4j.io.AtomicFiles;
import dcgan4j.model.ModelConfig;
import dcgan4j.model.Network;
import dcgan4j.monitor.RunStatusFile;
import dcgan4j.run.Checkpoint;
import dcgan4j.run.Checkpoints;
import dcgan4j.run.RunDirectory;
import dcgan4j.torch.Precision;
import dcgan4j.train.Trainer;
import dcgan4j.train.config.TrainConfig;
import dcgan4j.train.outputs.TrainingListener;
import dcgan4j.train.parallel.RankContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** {@code dcgan train}: trains G and D and fills a run directory. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a DCGAN. With no options: the built-in synthetic digits, 28x28, 5 epochs.",
            "Datasets: synthetic, mnist, fashion-mnist, cifar10 (downloaded when missing) or any image folder.",
            "Writes config.yaml, real_samples.png, fake_samples_step_<N>.png, metrics.csv, loss.png, d_outputs.png,",
            "progress.gif, checkpoints/step-<N>.safetensors and netG/netD.safetensors; with --eval-every also fid.png",
            "and netG_best.safetensors (the generator at its lowest FID); and a TensorBoard event file",
            "(events.out.tfevents.*: tensorboard --logdir runs).",
            "Ctrl-C writes a checkpoint before it exits; --resume continues exactly where the run stopped."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan train",
            "  dcgan train --epochs 5 --out runs/digits",
            "  dcgan train --log-every 10 --out runs/digits   (then: tensorboard --logdir runs)",
            "  dcgan train --dataset mnist --data-dir data/mnist --epochs 1",
            "  dcgan train --dataset mnist --data-dir data/mnist --epochs 5 --eval-every 1875",
            "  dcgan train --dataset photos/ --image-size 64 --batch-size 64",
            "  dcgan train --data-dir img_align_celeba --crop 25,50,128,128 --image-size 64",
            "  dcgan train --image-size 64 --channels 3 --batch-size 64 --lr-d 1e-4",
            "  dcgan train --dataset mnist --conditional --epochs 1 --out runs/cmnist",
            "  dcgan train --generator upsample --output sigmoid --d-dropout 0.4 --optimizer-d rmsprop --lr-d 8e-4",
            "  dcgan train --real-label 0.9 --flip-labels 0.05 --d-steps 2 --instance-noise 0.1",
            "  dcgan train --config runs/digits/config.yaml --seed 2 --out runs/digits-seed2",
            "  dcgan train --resume runs/digits --epochs 10",
            "  dcgan train --image-size 64 --channels 3 --batch-size 64 --precision bf16",
            "  dcgan train --device cuda:1 --dataset mnist --data-dir data/mnist",
            "  dcgan train --resume runs/trained-on-gpu --device cpu",
            "  dcgan train --nproc 2 --batch-size 64          (2 processes here, global batch 128)",
            "  RANK=1 WORLD_SIZE=2 MASTER_ADDR=10.0.0.1 MASTER_PORT=29500 GLOO_SOCKET_IFNAME=eth0 dcgan train",
            "      (one process of a job on several machines; torchrun and PyTorchJob set these)",
            "",
            ExitCodes.HELP_SECTION
        })
final class TrainCommand extends TorchCommand {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);

    @Mixin
    TrainOptions options;

    @Mixin
    DistributedOptions distributed;

    @Mixin
    MonitorOptions monitor;

    @Mixin
    DashboardOption dashboard;

    @Mixin
    DeviceOptions device;

    @Option(
            names = "--precision",
            paramLabel = "P",
            defaultValue = "fp32",
            description =
                    "fp32, or bf16: convolutions in bfloat16 through autocast, while weights, BatchNorm, losses "
                            + "and optimizer state stay fp32; or fp16 on CUDA, with dynamic loss scaling (default: ${DEFAULT-VALUE})")
    Precision precision;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/<timestamp>)")
    Path out;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "read options from a YAML file (keys are option names: 'batch-size: 64'); flags override it")
    Path configFile;

    @MayChangeOnResume
    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "continue a run from its newest checkpoint, with its own settings; only these options may be "
                    + "given with it: ${sys:dcgan4j.resumable}")
    Path resume;

    @Override
    public Integer call() throws Exception {
        Checkpoint checkpoint = null;
        if (resume != null) {
            checkpoint = latestCheckpoint();
            ConfigFile.applyRunRecord(
                    checkpoint.config(),
                    "the checkpoint's configuration",
                    spec,
                    spec.commandLine().getParseResult());
        } else if (configFile != null) {
            ConfigFile.apply(
                    Files.readString(configFile),
                    configFile.toString(),
                    spec,
                    spec.commandLine().getParseResult());
        }
        // validate every value before any slow work starts
        DataRequest request = options.resolveData();
        device.resolve();
        TrainConfig config = options.trainConfig(spec);
        ModelConfig model = options.modelConfig();
        Optional<DistributedEnv> job = distributed.job();
        boolean launch = distributed.launches();
        if (checkpoint != null) {
            RankContext.requireWorldSize(
                    checkpoint.tensors(),
                    launch
                            ? distributed.nproc
                            : job.map(DistributedEnv::worldSize).orElse(1));
        }
        boolean leader = job.map(DistributedEnv::isLeader).orElse(true);
        if (resume == null && out != null && leader) {
            RunDirectory.requireUnused(out);
        }
        if (launch) {
            return distributed.launch(spec, null);
        }
        try (Cluster cluster = job.map(distributed::join).orElse(null)) {
            return train(
                    request,
                    config,
                    model,
                    checkpoint,
                    cluster == null ? RankContext.SINGLE : new DataParallel(cluster));
        }
    }

    /** This process's part of the run: all of it, or one rank's (only rank 0 writes the run directory). */
    private int train(
            DataRequest request, TrainConfig config, ModelConfig model, Checkpoint checkpoint, RankContext ranks)
            throws Exception {
        boolean leader = ranks.isLeader();
        List<TrainingListener> monitors = leader ? monitor.listeners() : List.of(); // rank 0 serves and logs
        int threadCount = threads.apply();
        long checkStart = System.nanoTime();
        List<LayerCheck> checks = Network.checkKernels(model, config.precision(), config.device());
        LOG.info(
                "convolutions: {} layer shapes checked against float64 in {} ms ({}{})",
                checks.size(),
                (System.nanoTime() - checkStart) / 1_000_000,
                LayerCheck.summary(checks),
                ConvRoutes.oneDnnInUse() ? "" : "; libtorch's without oneDNN");
        FeatureOptions.Opened features =
                config.evalEvery() > 0 && leader ? options.features.open(request, options.data.downloader()) : null;
        long start = System.nanoTime();
        try (ImageDataset images = Datasets.load(request, options.data.downloader());
                var evaluator = features == null ? null : evaluator(features, request, images, config.seed())) {
            LOG.info(
                    "data: {} images of {}, {}x{}x{}, ready in {} ms; {} threads",
                    images.size(),
                    images.name(),
                    images.imageSize(),
                    images.imageSize(),
                    images.channels(),
                    (System.nanoTime() - start) / 1_000_000,
                    threadCount);
            RunDirectory run = resume != null
                    ? RunDirectory.open(resume)
                    : !leader
                            ? null
                            : out != null ? RunDirectory.create(out) : RunDirectory.createTimestamped(Path.of("runs"));
            String yaml = ConfigFile.write(
                    spec, "dcgan train --config " + (run == null ? "config.yaml" : run.config()) + " repeats this run");
            if (leader) {
                AtomicFiles.write(run.config(), o -> o.write(yaml.getBytes(StandardCharsets.UTF_8)));
                LOG.info("run directory: {}", run.root());
                LOG.info("device: {}, precision: {}", config.device(), config.precision());
                if (ranks.worldSize() > 1) {
                    LOG.info(
                            "data-parallel: {} processes x {} images per step (global batch {})",
                            ranks.worldSize(),
                            config.batchSize(),
                            ranks.worldSize() * config.batchSize());
                }
            }
            Trainer.Builder builder = Trainer.builder()
                    .data(images)
                    .model(model)
                    .config(config)
                    .run(run)
                    .ranks(ranks)
                    .listener(new ConsoleProgress())
                    .listener(new RunStatusFile())
                    .configText(yaml)
                    .evaluateWith(evaluator);
            monitors.forEach(builder::listener);
            Trainer trainer = builder.build();
            Trainer.Result result;
            try (var board = leader ? dashboard.start(run.root()) : null;
                    var ctrlC = new StopOnInterrupt(trainer)) {
                result = checkpoint == null ? trainer.train() : trainer.resume(checkpoint);
            }
            if (!result.completed()) {
                if (leader) {
                    LOG.info(
                            "stopped after step {}; continue with: dcgan train --resume {}",
                            result.steps(),
                            run.root());
                }
                return ExitCodes.INTERRUPTED;
            }
        } finally {
            if (features != null) {
                features.network().close();
            }
        }
        return ExitCodes.OK;
    }

    /**
     * {@code --eval-every}'s measure against all of the data, not the subset (or mirror images) the run
     * trains on: FID to a few hundred training images would reward copying them.
     */
    private Evaluator evaluator(FeatureOptions.Opened features, DataRequest request, ImageDataset images, long seed)
            throws IOException {
        DataRequest all = request.allImages();
        if (all.equals(request)) {
            return new Evaluator(features.network(), images, Evaluator.DURING_TRAINING, seed);
        }
        try (ImageDataset reference = Datasets.load(all, options.data.downloader())) {
            return new Evaluator(features.network(), reference, Evaluator.DURING_TRAINING, seed);
        }
    }

    /** The newest checkpoint of --resume's run; settings other than the resumable ones are refused. */
    private Checkpoint latestCheckpoint() throws IOException {
        List<String> resumable = ResumableOptions.of(spec);
        for (OptionSpec option : spec.commandLine().getParseResult().matchedOptions()) {
            if (!resumable.contains(option.longestName())) {
                throw new IllegalArgumentException("--resume continues with the run's own settings; "
                        + option.longestName() + " cannot change (allowed: " + String.join(", ", resumable) + ")");
            }
        }
        RunDirectory run = RunDirectory.open(resume);
        return run.checkpoints(options.keepCheckpoints)
                .latest()
                .orElseThrow(() -> new NoSuchFileException(
                        run.root().resolve(Checkpoints.DIRECTORY).toString(),
                        null,
                        "the run has no checkpoint to resume from"));
    }
}
