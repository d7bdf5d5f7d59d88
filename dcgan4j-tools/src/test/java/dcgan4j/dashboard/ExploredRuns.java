package dcgan4j.dashboard;

import dcgan4j.model.Generator;
import dcgan4j.model.ModelConfig;
import dcgan4j.run.ModelFiles;
import dcgan4j.torch.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * Run directories with a generator for the explorer's tests, made in a moment instead of trained:
 * a freshly initialised G whose convolution weights are scaled up, because at DCGAN's N(0, 0.02)
 * initialisation, with BatchNorm's running statistics, every z gives nearly the same grey picture.
 */
final class ExploredRuns {
    static final ModelConfig SMALL = new ModelConfig(28, 1, 16, 8, 8);
    static final ModelConfig CONDITIONAL =
            ModelConfig.builder(28, 1).nz(16).ngf(8).ndf(8).classes(3).build();

    private ExploredRuns() {}

    /** A run directory {@code dir} holding {@code config.yaml} and G's weights as {@code file}. */
    static Path run(Path dir, ModelConfig model, long seed, String file) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.yaml"), "seed: " + seed + "\n");
        Torch.seed(seed);
        try (var scope = new PointerScope();
                var g = new Generator(model)) {
            Map<String, Tensor> scaled = new LinkedHashMap<>();
            g.stateDict()
                    .forEach((name, t) ->
                            scaled.put(name, name.endsWith(".weight") && t.dim() == 4 ? t.mul(new Scalar(30)) : t));
            g.loadStateDict(scaled);
            ModelFiles.save(g, dir.resolve(file));
        }
        return dir;
    }
}
