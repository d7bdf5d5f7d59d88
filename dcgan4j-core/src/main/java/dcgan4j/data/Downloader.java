package dcgan4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches dataset files on demand so that a partial or corrupt download is never taken for a
 * complete one: bytes land in a {@code .part} file beside the target, an interrupted transfer
 * resumes where it stopped, and the target name appears only, in one atomic rename, once the
 * MD5 checksum of the whole file matches.
 */
public final class Downloader {
    private static final Logger LOG = LoggerFactory.getLogger(Downloader.class);
    private static final int BUFFER = 64 * 1024;
    /** How long to wait for the response headers; the body itself may take as long as it needs. */
    private static final Duration HEADERS_TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern MD5_HEX = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
    private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

    private final HttpClient client;
    private final int attempts;
    private final Duration firstBackoff;

    /**
     * @param client       the HTTP client to use (it should follow redirects)
     * @param attempts     how many times one download is tried, at least 1
     * @param firstBackoff the pause before the first retry; it doubles for each further one
     */
    public Downloader(HttpClient client, int attempts, Duration firstBackoff) {
        this.client = Objects.requireNonNull(client, "client");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative, got " + firstBackoff);
        }
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
    }

    /** Follows redirects, 20 s connect timeout, 3 attempts, retries after 1 s then 2 s. */
    public static Downloader standard() {
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(20))
                .build();
        return new Downloader(client, 3, Duration.ofSeconds(1));
    }

    /**
     * Returns {@code target} once it exists with the given MD5. A target that already matches is
     * returned without using the network. Otherwise the file is downloaded into the sibling
     * {@code <name>.part} — resuming a present one with an HTTP Range request, starting over when
     * the server answers 200 instead of 206 — retrying on I/O errors and 5xx answers with a
     * doubling backoff. The complete {@code .part} is checked against the MD5 and only then
     * renamed over {@code target} atomically. Parent directories are created.
     *
     * @param md5 the expected MD5 as hex
     * @throws IOException when the checksum does not match (the {@code .part} is deleted), or
     *                     "cannot download URL: reason" once all attempts failed (the {@code .part}
     *                     is kept so that a later call resumes it)
     */
    public Path fetch(URI url, Path target, String md5) throws IOException {
        Objects.requireNonNull(url, "url");
        String expected = Objects.requireNonNull(md5, "md5").toLowerCase(Locale.ROOT);
        if (!MD5_HEX.matcher(expected).matches()) {
            throw new IllegalArgumentException("not an MD5 hex digest: " + md5);
        }
        if (Files.isRegularFile(target)) {
            String present = md5(target);
            if (present.equals(expected)) {
                LOG.debug("{} is present with md5 {}", target, expected);
                return target;
            }
            LOG.info("{} is present but has md5 {} instead of {}; downloading it again", target, present, expected);
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");

        LOG.info("downloading {} to {}", url, target);
        long bytes = download(url, part);
        String actual = md5(part);
        if (!actual.equals(expected)) {
            Files.deleteIfExists(part);
            throw new IOException("checksum mismatch for " + target + " downloaded from " + url + ": expected md5 "
                    + expected + ", actual md5 " + actual);
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        LOG.info("downloaded {} ({} bytes)", target, bytes);
        return target;
    }

    /** MD5 of a file as lowercase hex. */
    public static String md5(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no MD5", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Tries the transfer up to {@code attempts} times; returns the size of the finished .part. */
    private long download(URI url, Path part) throws IOException {
        Duration backoff = firstBackoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return transfer(url, part);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e instanceof InterruptedIOException ie ? ie : interrupted(url, e);
                }
                if (e instanceof HttpStatusException status && !status.retryable) {
                    throw new IOException("cannot download " + url + ": " + e.getMessage(), e);
                }
                if (attempt >= attempts) {
                    throw new IOException("cannot download " + url + ": " + e.getMessage(), e);
                }
                LOG.warn(
                        "download of {} failed (attempt {} of {}): {}; retrying in {} ms",
                        url,
                        attempt,
                        attempts,
                        e.toString(),
                        backoff.toMillis());
            }
            try {
                Thread.sleep(backoff.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(url, e);
            }
            backoff = backoff.multipliedBy(2);
        }
    }

    /** One request: appends to or rewrites the .part; returns its size once the body is complete. */
    private long transfer(URI url, Path part) throws IOException {
        long offset = Files.isRegularFile(part) ? Files.size(part) : 0;
        HttpRequest.Builder request =
                HttpRequest.newBuilder(url).timeout(HEADERS_TIMEOUT).GET();
        if (offset > 0) {
            request.header("Range", "bytes=" + offset + "-");
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(url, e);
        }
        try (InputStream body = response.body()) {
            int status = response.statusCode();
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (status == 206 && offset > 0) {
                long start = rangeStart(
                        response.headers().firstValue("Content-Range").orElse(""));
                if (start != offset) {
                    // cannot tell which bytes these are: forget the .part so that the retry starts over
                    Files.deleteIfExists(part);
                    throw new IOException("asked to resume at byte " + offset + " but the server answered "
                            + response.headers().firstValue("Content-Range").orElse("206 without Content-Range"));
                }
                LOG.info("resuming {} at byte {}", url, offset);
                return write(body, part, true, length);
            }
            if (status == 200) {
                if (offset > 0) {
                    LOG.info("{} answered the whole file instead of a range; starting over", url);
                }
                return write(body, part, false, length);
            }
            if (status == 416 && offset > 0) {
                Matcher m = UNSATISFIED_RANGE.matcher(
                        response.headers().firstValue("Content-Range").orElse(""));
                if (m.matches() && Long.parseLong(m.group(1)) == offset) {
                    return offset; // the .part already holds the whole file
                }
                Files.deleteIfExists(part);
                throw new IOException("the partial file " + part + " does not fit the remote file (HTTP 416)");
            }
            throw new HttpStatusException(status);
        }
    }

    private static long write(InputStream body, Path part, boolean append, long length) throws IOException {
        OpenOption[] options = append
                ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND}
                : new OpenOption[] {
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING
                };
        long received = 0;
        try (FileChannel channel = FileChannel.open(part, options);
                OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = body.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                received += n;
            }
            channel.force(true);
        }
        if (length >= 0 && received != length) {
            throw new IOException("connection closed after " + received + " of " + length + " bytes");
        }
        return Files.size(part);
    }

    private static long rangeStart(String contentRange) {
        Matcher m = CONTENT_RANGE.matcher(contentRange.trim());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    private static InterruptedIOException interrupted(URI url, Exception cause) {
        InterruptedIOException e = new InterruptedIOException("download of " + url + " interrupted");
        e.initCause(cause);
        return e;
    }

    /** A non-success HTTP status; 5xx answers are worth retrying, others are not. */
    private static final class HttpStatusException extends IOException {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        HttpStatusException(int status) {
            super("HTTP " + status);
            this.retryable = status >= 500;
        }
    }
}
