package dcgan4j.io;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * A byte range of a file, memory-mapped in chunks: a {@link MappedByteBuffer} holds at most 2 GB, and
 * mapping instead of reading keeps a file's bytes out of the Java heap — they go from the page cache
 * straight into the tensors that need them. The mapping outlives the channel it came from.
 */
final class MappedRegion {
    /** 1 GiB: below a buffer's limit of 2 GiB − 1, and a multiple of every page size. */
    static final long CHUNK = 1L << 30;

    private final List<MappedByteBuffer> chunks = new ArrayList<>();
    private final long chunkSize;
    private final long length;

    private MappedRegion(long length, long chunkSize) {
        this.length = length;
        this.chunkSize = chunkSize;
    }

    /** Maps {@code [start, start + length)} of the channel's file, read-only. */
    static MappedRegion map(FileChannel channel, long start, long length, long chunkSize) throws IOException {
        MappedRegion region = new MappedRegion(length, chunkSize);
        for (long pos = 0; pos < length; pos += chunkSize) {
            region.chunks.add(
                    channel.map(FileChannel.MapMode.READ_ONLY, start + pos, Math.min(chunkSize, length - pos)));
        }
        return region;
    }

    long length() {
        return length;
    }

    /** Copies {@code [offset, offset + count)} of the region to native memory at {@code target}. */
    void copyTo(long offset, long count, Pointer target) {
        BytePointer into = new BytePointer(target);
        long done = 0;
        while (done < count) {
            long at = offset + done;
            MappedByteBuffer chunk = chunks.get((int) (at / chunkSize));
            int within = (int) (at % chunkSize);
            int n = (int) Math.min(count - done, chunk.capacity() - within);
            BytePointer source = new BytePointer(chunk.duplicate().position(within));
            Pointer.memcpy(into.position(done), source, n);
            done += n;
        }
    }

    /** Feeds the whole region to the digest, a chunk at a time: no copy of the file on the heap. */
    void digest(MessageDigest digest) {
        for (MappedByteBuffer chunk : chunks) {
            digest.update(chunk.duplicate());
        }
    }
}
