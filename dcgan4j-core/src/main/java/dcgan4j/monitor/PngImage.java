package dcgan4j.monitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A PNG file's bytes with the size and colour space its header gives: an image summary carries the
 * encoded file as it is, so a grid is never decoded or re-encoded to be logged.
 *
 * @param colorspace as Summary.Image counts: 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA
 */
record PngImage(int width, int height, int colorspace, byte[] bytes) {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    static PngImage read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer in = ByteBuffer.wrap(bytes); // PNG is big-endian
        if (bytes.length < 33 || !Arrays.equals(bytes, 0, 8, SIGNATURE, 0, 8) || in.getInt(12) != 0x49484452) {
            throw new IOException(file + ": not a PNG file");
        }
        int colorType = bytes[25];
        int colorspace = switch (colorType) {
            case 0 -> 1;
            case 4 -> 2;
            case 6 -> 4;
            default -> 3; // RGB or a palette of RGB colours
        };
        return new PngImage(in.getInt(16), in.getInt(20), colorspace, bytes);
    }
}
