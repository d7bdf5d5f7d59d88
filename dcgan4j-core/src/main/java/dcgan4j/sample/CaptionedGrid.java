package dcgan4j.sample;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A grid whose cells carry a caption above the image — sample indices on a numbered sheet, group
 * names in vector arithmetic, layer names in activation maps — so a picture can be read without a
 * legend. Small images are enlarged by a whole factor (pixels stay sharp) so captions fit.
 */
public final class CaptionedGrid {
    private static final int MIN_SIDE = 64;
    private static final int CAPTION_HEIGHT = 14;
    private static final int GAP = 4;
    private static final Color BACKGROUND = new Color(24, 24, 24);

    /** One cell; a null image leaves the cell empty (rows of different lengths). */
    public record Cell(BufferedImage image, String caption) {
        public static final Cell EMPTY = new Cell(null, "");
    }

    private CaptionedGrid() {}

    /** Cells laid out {@code columns} to a row; every image must have the same size. */
    public static BufferedImage of(List<Cell> cells, int columns) {
        if (cells.isEmpty() || columns <= 0) {
            throw new IllegalArgumentException("a captioned grid needs cells and a positive column count");
        }
        BufferedImage first = cells.stream()
                .map(Cell::image)
                .filter(i -> i != null)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a captioned grid needs at least one image"));
        int scale = ImageGrid.scaleFor(first.getWidth(), MIN_SIDE);
        int w = first.getWidth() * scale;
        int h = first.getHeight() * scale;
        int cols = Math.min(columns, cells.size());
        int rows = (cells.size() + cols - 1) / cols;
        int cellW = w + GAP;
        int cellH = h + CAPTION_HEIGHT + GAP;
        BufferedImage sheet = new BufferedImage(cols * cellW + GAP, rows * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = sheet.createGraphics();
        try {
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int k = 0; k < cells.size(); k++) {
                Cell cell = cells.get(k);
                int x = GAP + (k % cols) * cellW;
                int y = GAP + (k / cols) * cellH;
                if (cell.image() != null) {
                    g.drawImage(cell.image(), x, y + CAPTION_HEIGHT, w, h, null);
                }
                g.setColor(Color.WHITE);
                g.drawString(fit(g, cell.caption(), w), x + 1, y + CAPTION_HEIGHT - 3);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    /** Fills the last row of {@code cells} with empty cells, so the next cell starts a new row. */
    public static void padRow(List<Cell> cells, int columns) {
        while (cells.size() % columns != 0) {
            cells.add(Cell.EMPTY);
        }
    }

    /** The caption, cut with an ellipsis where it is wider than the cell. */
    private static String fit(Graphics2D g, String caption, int width) {
        var metrics = g.getFontMetrics();
        if (metrics.stringWidth(caption) <= width) {
            return caption;
        }
        String text = caption;
        while (!text.isEmpty() && metrics.stringWidth(text + "…") > width) {
            text = text.substring(0, text.length() - 1);
        }
        return text + "…";
    }
}
