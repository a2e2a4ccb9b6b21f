package dev.jmpi.transport;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import org.jspecify.annotations.Nullable;

/**
 * Reassembles chunked messages from one connection. A frame whose header has
 * {@code chunk_total <= 1} is a whole message. Otherwise chunks 0..total-1 of one message
 * arrive in order (the sender holds a per-peer lock while it writes them), possibly with
 * whole single-frame messages from other sending threads in between; their payload slices
 * are gathered into a {@link CompositeByteBuf} without copying and the message is handed
 * out once, complete, with {@code chunk_index}, {@code chunk_total} and {@code total_bytes}
 * cleared, so its header reads as the sender passed it.
 *
 * <p>Anything else (a chunk out of order, sizes that do not add up, a message over 2 GiB)
 * is a {@link ProtocolViolationException}. One instance per connection, used only by its
 * event loop.
 */
final class ChunkAssembler {

    /** A chunk sequence that the protocol does not allow. */
    static final class ProtocolViolationException extends Exception {
        private static final long serialVersionUID = 1L;

        ProtocolViolationException(String message) {
            super(message, null, false, false);
        }
    }

    /** Receives each complete message; takes ownership of the payload. */
    interface Sink {
        void onMessage(Header header, ByteBuf payload);
    }

    private final ByteBufAllocator alloc;
    private @Nullable Header first;
    private @Nullable CompositeByteBuf parts;
    private int nextIndex;
    private long receivedBytes;

    ChunkAssembler(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    /** Accepts one data frame; takes ownership of {@code payload} whatever happens. */
    void accept(Header header, ByteBuf payload, Sink sink) throws ProtocolViolationException {
        int total = header.getChunkTotal();
        if (total <= 1) {
            if (header.getChunkIndex() != 0) {
                payload.release();
                throw new ProtocolViolationException("chunk_index=" + header.getChunkIndex() + " with chunk_total="
                        + total + " (expected: chunk_index=0)");
            }
            sink.onMessage(header, payload);
            return;
        }
        try {
            check(header, payload.readableBytes());
        } catch (ProtocolViolationException e) {
            payload.release();
            throw e;
        }
        Header head = first; // set and cleared together with parts
        if (parts == null || head == null) {
            head = header;
            first = header;
            parts = alloc.compositeBuffer(total);
            nextIndex = 0;
            receivedBytes = 0;
        }
        parts.addComponent(true, payload);
        receivedBytes += payload.readableBytes();
        nextIndex++;
        if (nextIndex == total) {
            CompositeByteBuf whole = parts;
            Header h = head.toBuilder()
                    .clearChunkIndex()
                    .clearChunkTotal()
                    .clearTotalBytes()
                    .build();
            parts = null;
            first = null;
            sink.onMessage(h, whole);
        }
    }

    private void check(Header header, int chunkBytes) throws ProtocolViolationException {
        int index = header.getChunkIndex();
        int total = header.getChunkTotal();
        long totalBytes = header.getTotalBytes();
        if (totalBytes < 0 || totalBytes > Integer.MAX_VALUE) {
            throw new ProtocolViolationException("total_bytes=" + totalBytes + " (expected: 0..2^31-1)");
        }
        Header head = first; // set and cleared together with parts
        if (head == null) {
            if (index != 0) {
                throw new ProtocolViolationException(
                        "chunk " + index + "/" + total + " without its preceding chunks (expected: chunk 0)");
            }
        } else {
            if (index != nextIndex || total != head.getChunkTotal()) {
                throw new ProtocolViolationException("chunk " + index + "/" + total + " (expected: chunk " + nextIndex
                        + "/" + head.getChunkTotal() + ")");
            }
            if (totalBytes != head.getTotalBytes()) {
                throw new ProtocolViolationException("total_bytes=" + totalBytes + " in chunk " + index + " (expected: "
                        + head.getTotalBytes() + " as in chunk 0)");
            }
        }
        long after = (head == null ? 0 : receivedBytes) + chunkBytes;
        boolean last = index == total - 1;
        if (after > totalBytes || (last && after != totalBytes)) {
            throw new ProtocolViolationException("chunks carry " + after + " bytes after chunk " + index + "/" + total
                    + " (expected: total_bytes=" + totalBytes + ")");
        }
    }

    /** Releases a partially received message (on disconnect). */
    void discard() {
        if (parts != null) {
            parts.release();
            parts = null;
            first = null;
        }
    }
}
