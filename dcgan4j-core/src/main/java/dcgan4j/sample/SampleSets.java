package dcgan4j.sample;

import dcgan4j.model.Generator;
import dcgan4j.model.LatentNoise;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;

/**
 * Generated images as files for other tools: one PNG per sample (metrics, datasets, other viewers),
 * or a numbered sheet whose z vectors are saved beside it so that walks and arithmetic can name a
 * sample by its index.
 */
public final class SampleSets {
    /** Images generated per native batch: bounded memory however many files are asked for. */
    private static final int BATCH = 256;

    private SampleSets() {}

    /**
     * Writes {@code count} images as {@code dir/seed<S>.png}, one per seed from {@code firstSeed}
     * (PNG, lossless: metrics must not see JPEG artefacts). Returns the files in order. A conditional
     * generator makes them all of class {@code label}, or cycles its classes when that is null.
     */
    public static List<Path> writeFiles(Generator generator, int count, long firstSeed, Integer label, Path dir)
            throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>(count);
        for (int from = 0; from < count; from += BATCH) {
            int n = Math.min(BATCH, count - from);
            try (var scope = new PointerScope()) {
                Tensor z = LatentNoise.forSeeds(firstSeed + from, n, generator.config());
                Tensor labels = label != null
                        ? ClassSamples.labels(generator, label, n)
                        : Sampler.cyclingLabels(from, n, generator.config());
                List<BufferedImage> tiles = ImageGrid.tiles(Sampler.generate(generator, z, labels));
                for (int i = 0; i < n; i++) {
                    Path file = dir.resolve(String.format(Locale.ROOT, "seed%04d.png", firstSeed + from + i));
                    ImageGrid.writePng(tiles.get(i), file);
                    written.add(file);
                }
            }
        }
        return written;
    }

    /**
     * Writes images (N, nc, H, W) as a sheet with each one's index above it, and their z vectors
     * (N, nz, 1, 1) to {@link #latentFileFor} the sheet. Returns the z file.
     */
    public static Path writeNumberedSheet(Tensor images, Tensor z, int nrow, Path png) throws IOException {
        List<CaptionedGrid.Cell> cells = new ArrayList<>();
        List<BufferedImage> tiles = ImageGrid.tiles(images);
        for (int i = 0; i < tiles.size(); i++) {
            cells.add(new CaptionedGrid.Cell(tiles.get(i), Integer.toString(i)));
        }
        Path zFile = latentFileFor(png);
        LatentFile.save(z, zFile);
        ImageGrid.writePng(CaptionedGrid.of(cells, nrow), png);
        return zFile;
    }

    /** {@code sheet.png} → {@code sheet.z.safetensors}, beside it. */
    public static Path latentFileFor(Path png) {
        String name = png.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        return png.resolveSibling(stem + ".z.safetensors");
    }
}
