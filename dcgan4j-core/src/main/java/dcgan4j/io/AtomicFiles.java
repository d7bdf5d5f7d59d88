package dcgan4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that they are either complete or absent: the content goes to a temporary file
 * beside the target, is forced to disk, then renamed over the target in one step.
 */
public final class AtomicFiles {
    /** Writes to a stream; may throw. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {}

    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) { // a file stands where a folder of the path should be
            throw new IOException("cannot write " + target + ": " + e.getFile() + " is not a directory", e);
        }
        // not Files.createTempFile: its 0600 mode would stick to the final file; this one follows the umask
        Path tmp = dir.resolve("." + target.getFileName() + "."
                + ProcessHandle.current().pid() + "." + Thread.currentThread().getId() + ".tmp");
        try {
            try (FileChannel channel = open(tmp, target);
                    OutputStream out =
                            new java.io.BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel))) {
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The temporary file, or an error that names the target the caller asked for, not the temporary file. */
    private static FileChannel open(Path tmp, Path target) throws IOException {
        try {
            return FileChannel.open(
                    tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(target.toString(), null, "cannot create files in that folder");
        } catch (FileSystemException e) {
            throw new IOException("cannot write " + target + (e.getReason() == null ? "" : ": " + e.getReason()), e);
        }
    }
}
