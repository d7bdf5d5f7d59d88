package dcgan4j.cli;

import dcgan4j.model.Generator;
import dcgan4j.sample.ArithmeticSheet;
import dcgan4j.sample.ImageGrid;
import dcgan4j.sample.LatentArithmetic;
import dcgan4j.sample.LatentFile;
import dcgan4j.sample.SampleSets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dcgan arithmetic}: mean(A) − mean(B) + mean(C) on z vectors picked from a numbered sheet. */
@Command(
        name = "arithmetic",
        mixinStandardHelpOptions = true,
        description = {
            "Vector arithmetic on z (DCGAN paper, section 6.3): pick groups A, B and C by index on a",
            "numbered sheet ('dcgan generate --numbered'); shows each group with the image of its mean,",
            "then mean(A) - mean(B) + mean(C) and neighbours with small added noise.",
            "The result's z is saved as <out>.z.safetensors, a point for 'dcgan walk'."
        },
        footer = {
            "",
            "Examples:",
            "  dcgan generate runs/celeba --numbered --count 64 --out sheet.png",
            "  dcgan arithmetic runs/celeba --z sheet.z.safetensors --a 3,17,42 --b 5,9,30 --c 11,20,51",
            "",
            ExitCodes.HELP_SECTION
        })
final class ArithmeticCommand extends TorchCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "run directory or generator weights (.safetensors)")
    Path run;

    @Option(names = "--z", paramLabel = "FILE", required = true, description = "z vectors of the numbered sheet")
    Path zFile;

    @Option(
            names = "--a",
            paramLabel = "I,J,..",
            split = ",",
            required = true,
            description = "sheet indices of group A")
    List<Integer> a;

    @Option(
            names = "--b",
            paramLabel = "I,J,..",
            split = ",",
            required = true,
            description = "sheet indices of group B")
    List<Integer> b;

    @Option(
            names = "--c",
            paramLabel = "I,J,..",
            split = ",",
            required = true,
            description = "sheet indices of group C")
    List<Integer> c;

    @Option(
            names = "--neighbours",
            paramLabel = "N",
            defaultValue = "7",
            description = "samples around the result (default: ${DEFAULT-VALUE})")
    int neighbours;

    @Option(
            names = "--sigma",
            defaultValue = "0.25",
            description = "scale of the neighbours' noise (default: ${DEFAULT-VALUE})")
    double sigma;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "seed of the neighbours' noise (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "PNG",
            defaultValue = "arithmetic.png",
            description = "output sheet (default: ${DEFAULT-VALUE})")
    Path out;

    @Mixin
    GeneratorChoice generators;

    @Mixin
    ClassOption classOption;

    @Override
    public Integer call() throws Exception {
        if (neighbours < 0 || !(sigma >= 0)) {
            throw new IllegalArgumentException("--neighbours and --sigma must not be negative");
        }
        threads.apply();
        try (Generator generator = generators.load(run);
                var scope = new PointerScope()) {
            Tensor sheet = LatentFile.load(zFile, generator.config().nz());
            List<ArithmeticSheet.Group> groups = new ArrayList<>();
            groups.add(group("A", a, sheet));
            groups.add(group("B", b, sheet));
            groups.add(group("C", c, sheet));
            Tensor result = LatentArithmetic.combine(
                    groups.get(0).z(), groups.get(1).z(), groups.get(2).z());
            Tensor near = LatentArithmetic.around(result, neighbours, sigma, seed);
            ImageGrid.writePng(ArithmeticSheet.render(generator, classOption.label, groups, result, near), out);
            Path resultFile = SampleSets.latentFileFor(out);
            LatentFile.save(result, resultFile);
            print(out);
            print(resultFile);
        }
        return ExitCodes.OK;
    }

    private ArithmeticSheet.Group group(String name, List<Integer> indices, Tensor sheet) {
        List<Tensor> rows = new ArrayList<>();
        for (int index : indices) {
            rows.add(LatentFile.row(sheet, index, zFile));
        }
        return new ArithmeticSheet.Group(name, indices, torch.cat(new TensorVector(rows.toArray(Tensor[]::new))));
    }
}
