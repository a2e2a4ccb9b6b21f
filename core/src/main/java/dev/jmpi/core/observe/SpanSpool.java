package dev.jmpi.core.observe;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Full span chunks of one {@link Lane}, kept in a temporary file until the trace is written, so
 * that a lane fills one chunk buffer again and again instead of taking fresh memory for every
 * chunk. Fresh memory is what made a kept span expensive: its first touch page-faults, and on
 * a virtual machine one fault can cost ~10 µs (a 256 KiB chunk ~650 µs, ~160 ns a span; writing
 * the same chunk to a file ~35 µs); the file also keeps a long trace out of the rank's memory.
 *
 * <p>The file is unlinked as soon as it is open (where the file system allows; else deleted at
 * exit), so a rank that is killed leaves nothing behind. Only the owning lane's thread appends;
 * a reader reads chunks the lane has already counted as spooled (positional reads, safe beside
 * an append).
 */
final class SpanSpool implements Closeable {

    private final FileChannel channel;
    private final int chunkBytes;

    private SpanSpool(FileChannel channel, int chunkBytes) {
        this.channel = channel;
        this.chunkBytes = chunkBytes;
    }

    /** A new, empty spool for chunks of {@code chunkBytes} in {@code dir}. */
    static SpanSpool open(Path dir, int rank, int chunkBytes) throws IOException {
        Path file = Files.createTempFile(dir, "jmpi-trace-rank-" + rank + "-", ".spans");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            Files.delete(file);
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
        return new SpanSpool(channel, chunkBytes);
    }

    /** Writes {@code chunk} (all of it) as chunk number {@code index}. */
    void write(int index, ByteBuffer chunk) throws IOException {
        ByteBuffer all = chunk.duplicate().clear();
        long position = (long) index * chunkBytes;
        while (all.hasRemaining()) {
            position += channel.write(all, position);
        }
    }

    /** Reads chunk number {@code index} into {@code into} (cleared, then filled). */
    void read(int index, ByteBuffer into) throws IOException {
        into.clear();
        long position = (long) index * chunkBytes;
        while (into.hasRemaining()) {
            int n = channel.read(into, position);
            if (n < 0) {
                throw new IOException("trace spool ended at byte " + position + " reading chunk " + index
                        + " (expected " + chunkBytes + " bytes a chunk)");
            }
            position += n;
        }
        into.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
