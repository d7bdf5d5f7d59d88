package dcgan4j.cli;

import dcgan4j.io.AtomicFiles;
import dcgan4j.model.Discriminator;
import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.run.RunDirectory;
import dcgan4j.train.Trainer;
import dcgan4j.train.outputs.MetricsCsv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dcgan import}: PyTorch weights into a run directory that generate and --resume accept. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Make a run directory from PyTorch DCGAN weights: pytorch/examples' netG/netD .pth files",
            "(torch.save of a state_dict; read without running any code) or safetensors.",
            "The architecture is read from the tensor shapes. With NETD too, the run gets a step-0 checkpoint,",
            "so 'dcgan train --resume DIR' trains the imported networks on, with the training options given here."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan import netG_epoch_24.pth --out runs/celeba-pytorch",
            "  dcgan generate runs/celeba-pytorch --count 64",
            "  dcgan import netG.pth netD.pth --out runs/mnist-ft --dataset mnist --data-dir data/mnist --epochs 2",
            "  dcgan train --resume runs/mnist-ft",
            "  dcgan import run/netG.safetensors run/netD.safetensors --averaged run/netG_ema.safetensors --ema 0.999 \\",
            "      --out runs/copy --dataset mnist --data-dir data/mnist",
            "",
            ExitCodes.HELP_SECTION
        })
final class ImportCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ImportCommand.class);

    @Parameters(index = "0", paramLabel = "NETG", description = "generator weights (.pth or .safetensors)")
    Path generatorFile;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NETD", description = "discriminator weights, to train on")
    Path discriminatorFile;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "the new run directory")
    Path out;

    @Option(
            names = "--averaged",
            paramLabel = "NETG_EMA",
            description = "an averaged generator (netG_ema of a run trained with --ema), saved beside NETG; with NETD "
                    + "and --ema, training goes on averaging from it")
    Path averagedFile;

    @Mixin
    TrainOptions options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        for (String fixed : List.of("--image-size", "--channels", "--nz", "--ngf", "--ndf")) {
            if (spec.commandLine().getParseResult().hasMatchedOption(fixed)) {
                throw new IllegalArgumentException(
                        "the architecture comes from the weights; " + fixed + " cannot be set");
            }
        }
        RunDirectory.requireUnused(out);
        try (var scope = new PointerScope()) {
            Map<String, Tensor> g = ModelFiles.readTensors(generatorFile);
            Map<String, Tensor> d = discriminatorFile == null ? null : ModelFiles.readTensors(discriminatorFile);
            Map<String, Tensor> averaged = averagedFile == null ? null : ModelFiles.readTensors(averagedFile);
            ModelConfig model = ModelFiles.inferArchitecture(g, d);
            options.useArchitecture(model);
            options.resolveData();
            var config = options.trainConfig(spec);
            if (averaged != null && d != null && config.ema() == 0) {
                throw new IllegalArgumentException(
                        "--averaged with NETD trains on only with --ema DECAY, to go on averaging");
            }
            try (var generator = new Generator(model);
                    var average = averaged == null ? null : new Generator(model)) {
                generator.loadStateDict(g);
                if (average != null) {
                    average.loadStateDict(averaged); // refused by name before anything is written
                }
                RunDirectory run = RunDirectory.create(out);
                ModelFiles.save(generator, run.generatorWeights());
                if (average != null) {
                    ModelFiles.save(average, run.averagedGeneratorWeights());
                }
                if (d != null) {
                    importDiscriminator(d, averaged, model, config, run, generator);
                }
                LOG.info("imported a {} generator{} into {}", model, d == null ? "" : " and discriminator", run.root());
            }
        }
        return ExitCodes.OK;
    }

    private void importDiscriminator(
            Map<String, Tensor> d,
            Map<String, Tensor> averaged,
            ModelConfig model,
            dcgan4j.train.config.TrainConfig config,
            RunDirectory run,
            Generator generator)
            throws java.io.IOException {
        try (var discriminator = new Discriminator(model)) {
            discriminator.loadStateDict(d);
            ModelFiles.save(discriminator, run.discriminatorWeights());
            String yaml = ConfigFile.write(spec, "dcgan train --resume " + run.root() + " trains these weights on");
            AtomicFiles.write(run.config(), o -> o.write(yaml.getBytes(StandardCharsets.UTF_8)));
            MetricsCsv.create(run.metrics()).close();
            run.checkpoints(config.keepCheckpoints())
                    .save(Trainer.initialCheckpoint(generator, discriminator, averaged, config, yaml));
        }
    }
}
