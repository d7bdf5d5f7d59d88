package dcgan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens the datasets' {@code .gz} files so that one that is not gzip says which file it is. */
final class Gzip {
    private Gzip() {}

    /** {@link GZIPInputStream}'s own "Not in GZIP format" names no file: with several files per dataset, useless. */
    static InputStream open(InputStream raw, Path file) throws IOException {
        try {
            return new GZIPInputStream(raw, 1 << 16);
        } catch (ZipException e) {
            raw.close();
            throw new IOException(file + " is not gzip data (" + e.getMessage() + "), though its name ends in .gz", e);
        }
    }
}
