package dcgan4j.sample;

import dcgan4j.model.Generator;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The picture of a vector-arithmetic experiment, laid out like the paper's Fig. 7: one row per group
 * (its members, then the image of their mean), then the result of mean(A) − mean(B) + mean(C) and
 * its noisy neighbours.
 */
public final class ArithmeticSheet {
    /** A group of sheet samples: its name (A, B, C), their sheet indices and z vectors (k, nz, 1, 1). */
    public record Group(String name, List<Integer> indices, Tensor z) {}

    private ArithmeticSheet() {}

    /**
     * All images come from one generator call in evaluation mode; a conditional generator makes them
     * of class {@code label} (null for an unconditional one).
     */
    public static BufferedImage render(
            Generator generator, Integer label, List<Group> groups, Tensor result, Tensor neighbours) {
        TensorVector z = new TensorVector();
        int widest = 1 + (int) neighbours.size(0);
        for (Group g : groups) {
            z.push_back(g.z());
            z.push_back(LatentArithmetic.mean(g.z()));
            widest = Math.max(widest, g.indices().size() + 1);
        }
        z.push_back(result);
        z.push_back(neighbours);
        Tensor all = torch.cat(z);
        List<BufferedImage> tiles =
                ImageGrid.tiles(Sampler.generate(generator, all, ClassSamples.labels(generator, label, all.size(0))));
        List<CaptionedGrid.Cell> cells = new ArrayList<>();
        int next = 0;
        for (Group g : groups) {
            for (int index : g.indices()) {
                cells.add(new CaptionedGrid.Cell(tiles.get(next++), g.name() + ": " + index));
            }
            cells.add(new CaptionedGrid.Cell(tiles.get(next++), "mean " + g.name()));
            CaptionedGrid.padRow(cells, widest);
        }
        cells.add(new CaptionedGrid.Cell(tiles.get(next++), result(groups)));
        for (int i = 1; next < tiles.size(); i++) {
            cells.add(new CaptionedGrid.Cell(tiles.get(next++), "near " + i));
        }
        CaptionedGrid.padRow(cells, widest);
        return CaptionedGrid.of(cells, widest);
    }

    private static String result(List<Group> groups) {
        return groups.get(0).name() + "-" + groups.get(1).name() + "+"
                + groups.get(2).name();
    }
}
