package dcgan4j.cli;

import dcgan4j.model.LatentNoise;
import dcgan4j.model.ModelConfig;
import dcgan4j.sample.LatentFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import picocli.CommandLine.Option;

/**
 * How commands name points in latent space: {@code seed:7} (the z of seed 7, the image
 * {@code generate --seed 7} starts with), {@code 12} (row 12 of the {@code --z} file a numbered sheet
 * saved) or a z file of its own (all its vectors, in order).
 */
final class LatentPoints {
    static final String SYNTAX = "seed:N, a sheet index N (with --z), or a .z.safetensors file";

    @Option(
            names = "--z",
            paramLabel = "FILE",
            description = "z vectors of a numbered sheet ('dcgan generate --numbered' writes <sheet>.z.safetensors)")
    Path zFile;

    private Tensor sheet;

    /** The named points, in order, as (P, nz, 1, 1). */
    Tensor resolve(List<String> specs, ModelConfig model) throws IOException {
        TensorVector points = new TensorVector();
        for (String spec : specs) {
            points.push_back(resolve(spec, model));
        }
        return torch.cat(points);
    }

    /** One name: a single vector, or every vector of a z file. */
    Tensor resolve(String spec, ModelConfig model) throws IOException {
        if (spec.startsWith("seed:")) {
            return LatentNoise.forSeeds(parse(spec.substring(5), spec), 1, model);
        }
        if (spec.matches("\\d+")) {
            return LatentFile.row(sheet(model.nz()), (int) parse(spec, spec), zFile);
        }
        Path file = Path.of(spec);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("'" + spec + "' names no latent point: use " + SYNTAX);
        }
        return LatentFile.load(file, model.nz());
    }

    private Tensor sheet(int nz) throws IOException {
        if (zFile == null) {
            throw new IllegalArgumentException("sheet indices need --z FILE (the .z.safetensors of a numbered sheet)");
        }
        if (sheet == null) {
            sheet = LatentFile.load(zFile, nz);
        }
        return sheet;
    }

    private static long parse(String number, String spec) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + spec + "' names no latent point: use " + SYNTAX);
        }
    }
}
