package dcgan4j.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The weight file formats dcgan4j reads, told apart by their first bytes rather than by the name, and
 * for any other file a description of what it looks like instead: "not safetensors" alone leaves a
 * user with a legacy pickle no wiser about what to convert it to.
 */
public enum WeightFormat {
    /** {@code torch.save} of PyTorch 1.6 or later: a zip with {@code data.pkl}, read by {@link TorchPickle}. */
    TORCH_ZIP,
    /** Hugging Face safetensors, read by {@link Safetensors}. */
    SAFETENSORS;

    /** What the error messages offer instead of a file that is neither. */
    public static final String ACCEPTED =
            "weights must be a PyTorch zip file (.pth from torch.save, PyTorch 1.6 or" + " later) or safetensors";
    /** What a zip that {@link TorchPickle} cannot read is. */
    static final String ZIP_WITHOUT_PICKLE = "a zip without data.pkl (not written by torch.save)";

    private static final int HEAD = 64;

    /** @throws IOException naming the accepted formats and what the file looks like when it is neither */
    public static WeightFormat of(Path file) throws IOException {
        byte[] head = head(file);
        long size = Files.size(file);
        if (isZip(head)) {
            return TORCH_ZIP;
        }
        if (isSafetensors(head, size)) {
            return SAFETENSORS;
        }
        throw new IOException(file + " is " + looksLike(head, size) + "; " + ACCEPTED);
    }

    static boolean isSafetensors(byte[] head, long size) {
        if (head.length < 9) {
            return false;
        }
        long headerLength =
                ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return headerLength > 1 && headerLength <= size - 8 && head[8] == '{';
    }

    /** A short description of a file dcgan4j cannot read as weights, from its first bytes. */
    static String looksLike(byte[] head, long size) {
        if (size == 0) {
            return "an empty file";
        }
        if (isZip(head)) {
            return "a zip file, as torch.save writes (not safetensors)";
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5) {
            return String.format(
                    "a legacy or raw pickle (starts with 0x80 0x%02x), as torch.save wrote before"
                            + " PyTorch 1.6 or with _use_new_zipfile_serialization=False: load it in PyTorch and save it again"
                            + " with a current torch.save",
                    head[1]);
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return "gzip data";
        }
        if (head.length >= 4 && (head[0] & 0xff) == 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F') {
            return "an HDF5 file (Keras .h5?)";
        }
        if (isText(head)) {
            String start = new String(head, StandardCharsets.UTF_8).strip();
            return "text (starts with \"" + (start.length() > 24 ? start.substring(0, 24) + "…" : start) + "\")";
        }
        StringBuilder bytes = new StringBuilder();
        for (int i = 0; i < Math.min(4, head.length); i++) {
            bytes.append(String.format(i == 0 ? "0x%02x" : " 0x%02x", head[i]));
        }
        return "of an unknown format (starts with " + bytes + ")";
    }

    private static boolean isZip(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    private static boolean isText(byte[] head) {
        for (byte b : head) {
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }
}
