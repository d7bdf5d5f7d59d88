package dcgan4j.inspect;

import dcgan4j.model.Discriminator;
import dcgan4j.sample.CaptionedGrid;
import dcgan4j.sample.CaptionedGrid.Cell;
import dcgan4j.sample.ImageGrid;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/** Pictures of {@link DiscriminatorProbe}'s findings, captioned so they read without a legend. */
public final class ProbeSheets {
    private static final int FILTER_COLUMNS = 8;

    private ProbeSheets() {}

    /** D's first-layer filters, each stretched to full contrast, eight to a row. */
    public static BufferedImage filters(Discriminator d) {
        List<BufferedImage> tiles = ImageGrid.tiles(DiscriminatorProbe.firstLayerFilters(d));
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < tiles.size(); i++) {
            cells.add(new Cell(tiles.get(i), Integer.toString(i)));
        }
        return CaptionedGrid.of(cells, FILTER_COLUMNS);
    }

    /**
     * The input image in the first row, then a row per block of D: its first {@code maps} feature
     * maps, each stretched to full contrast (captioned block, channel).
     */
    public static BufferedImage activations(Discriminator d, Tensor image, int maps) {
        List<Tensor> blocks = DiscriminatorProbe.blockOutputs(d, image.narrow(0, 0, 1));
        int columns = maps;
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(ImageGrid.tiles(image.narrow(0, 0, 1)).get(0), "input"));
        CaptionedGrid.padRow(cells, columns);
        for (int b = 0; b < blocks.size(); b++) {
            Tensor block = blocks.get(b);
            int shown = (int) Math.min(maps, block.size(1));
            Tensor chosen = block.narrow(1, 0, shown).transpose(0, 1); // (shown, 1, h, w)
            List<BufferedImage> tiles = ImageGrid.tiles(DiscriminatorProbe.stretch(chosen));
            for (int c = 0; c < shown; c++) {
                cells.add(new Cell(tiles.get(c), "L" + (b + 1) + " #" + c));
            }
            CaptionedGrid.padRow(cells, columns);
        }
        return CaptionedGrid.of(cells, columns);
    }

    /**
     * Real images above their saliency maps, then generated ones above theirs; each image is
     * captioned with D's probability that it is real.
     */
    public static BufferedImage saliency(Discriminator d, Tensor real, Tensor fake) {
        List<Cell> cells = new ArrayList<>();
        addWithSaliency(cells, d, real, "real");
        addWithSaliency(cells, d, fake, "fake");
        return CaptionedGrid.of(cells, (int) Math.max(real.size(0), fake.size(0)));
    }

    private static void addWithSaliency(List<Cell> cells, Discriminator d, Tensor images, String kind) {
        int n = (int) images.size(0);
        float[] p = DiscriminatorProbe.probabilities(d, images);
        List<BufferedImage> pictures = ImageGrid.tiles(images);
        List<BufferedImage> maps = ImageGrid.tiles(
                DiscriminatorProbe.saliency(d, images).mul(new Scalar(2.0)).sub(new Scalar(1.0)));
        for (int i = 0; i < n; i++) {
            cells.add(new Cell(pictures.get(i), String.format(Locale.ROOT, "%s D=%.2f", kind, p[i])));
        }
        for (int i = 0; i < n; i++) {
            cells.add(new Cell(maps.get(i), "saliency"));
        }
    }
}
