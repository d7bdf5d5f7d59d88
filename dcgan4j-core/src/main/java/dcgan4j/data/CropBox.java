package dcgan4j.data;

/**
 * A fixed region cut out of every image before resizing, e.g. the face area of CelebA's aligned
 * 178×218 images ({@code 25,50,128,128}). Parts outside an image are clipped.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, positive
 * @param height height, positive
 */
public record CropBox(int x, int y, int width, int height) {
    public CropBox {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException(
                    "crop box needs x,y >= 0 and a positive size, got " + x + "," + y + "," + width + "," + height);
        }
    }

    /** Parses {@code x,y,width,height}. */
    public static CropBox parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("crop box must be x,y,width,height, got '" + text + "'");
        }
        try {
            return new CropBox(
                    Integer.parseInt(parts[0].trim()),
                    Integer.parseInt(parts[1].trim()),
                    Integer.parseInt(parts[2].trim()),
                    Integer.parseInt(parts[3].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("crop box must be four integers x,y,width,height, got '" + text + "'");
        }
    }

    @Override
    public String toString() {
        return x + "," + y + "," + width + "," + height;
    }
}
