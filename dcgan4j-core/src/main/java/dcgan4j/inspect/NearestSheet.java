package dcgan4j.inspect;

import dcgan4j.data.ImageDataset;
import dcgan4j.sample.CaptionedGrid;
import dcgan4j.sample.CaptionedGrid.Cell;
import dcgan4j.sample.ImageGrid;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The memorization check as a picture: one row per generated sample, then its nearest training
 * images by pixels and by D's features, each captioned with its training index and distance.
 */
public final class NearestSheet {
    private NearestSheet() {}

    /** Rows for the first {@code rows} samples of the report. */
    public static BufferedImage render(MemorizationCheck.Report report, ImageDataset train, int rows) {
        int k = report.pixels().indices()[0].length;
        int shown = (int) Math.min(rows, report.generated().size(0));
        List<BufferedImage> samples = ImageGrid.tiles(report.generated().narrow(0, 0, shown));
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            cells.add(new Cell(samples.get(i), "sample " + i));
            addMatches(cells, train, report.pixels(), i, "px");
            addMatches(cells, train, report.features(), i, "D");
        }
        return CaptionedGrid.of(cells, 1 + 2 * k);
    }

    private static void addMatches(
            List<Cell> cells, ImageDataset train, NearestNeighbours.Result result, int query, String space) {
        int[] indices = result.indices()[query];
        List<BufferedImage> tiles = ImageGrid.tiles(train.batch(indices, 0, indices.length));
        for (int j = 0; j < indices.length; j++) {
            cells.add(
                    new Cell(tiles.get(j), String.format(Locale.ROOT, "%s %.3f", space, result.distances()[query][j])));
        }
    }
}
