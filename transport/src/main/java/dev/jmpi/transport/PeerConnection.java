package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The authenticated connection to one peer rank, seen from user threads: sends (chunking
 * large payloads), waits while the channel is not writable, and remembers why the peer is
 * gone. {@link #end} records the first reason exactly once; later sends throw
 * {@link PeerFailedException} carrying it.
 *
 * <p>Writes take the mesh's event loop when it is free ({@link ProgressEngine#withLoop}), so a
 * frame goes to the socket in the caller's thread. A sender that meets a full channel drives
 * the loop itself until the channel drains ({@link ProgressEngine#await}); inside a transport
 * callback, where it must not wait, it writes anyway and the channel buffers. Writes use plain
 * futures without listeners: a write that fails because the connection broke needs no
 * handling here, since the broken connection itself is reported through {@link #end}.
 *
 * <p>Threads: {@link #send} from any thread; the send lock keeps the chunks of one message
 * contiguous on the wire. The loop's owner calls {@link #writabilityChanged()} and
 * {@link #end}; waiting senders are woken by both.
 */
final class PeerConnection {

    /** Slack for the chunk fields added to a chunk's header. */
    private static final int CHUNK_FIELDS_BYTES = 32;

    private final int rank;
    private final Channel channel;
    private final int maxFrameBytes;
    private final int chunkBytes;
    private final ProgressEngine engine;
    private volatile String address;
    private final AtomicReference<PeerFailure> ended = new AtomicReference<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Set<Thread> blockedWriters = ConcurrentHashMap.newKeySet();
    private final BooleanSupplier writableOrEnded =
            () -> ended.get() != null || channel().isWritable();

    PeerConnection(
            int rank, String address, Channel channel, int maxFrameBytes, int chunkBytes, ProgressEngine engine) {
        this.rank = rank;
        this.address = address;
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.chunkBytes = chunkBytes;
        this.engine = engine;
    }

    int rank() {
        return rank;
    }

    Channel channel() {
        return channel;
    }

    String address() {
        return address;
    }

    void address(String address) {
        this.address = address;
    }

    /** Why the peer is gone, or null while it is up. */
    @Nullable
    PeerFailure endedBy() {
        return ended.get();
    }

    /**
     * Records that the connection ended for {@code reason}; returns the failure if this was
     * the first end, null if it had already ended. Wakes waiting senders.
     */
    @Nullable
    PeerFailure end(String reason) {
        PeerFailure f = new PeerFailure(rank, address, reason);
        if (!ended.compareAndSet(null, f)) {
            return null;
        }
        wakeWriters();
        return f;
    }

    /** Called by the loop's owner when the channel's writability flips. */
    void writabilityChanged() {
        if (!blockedWriters.isEmpty() && channel.isWritable()) {
            wakeWriters();
        }
    }

    private void wakeWriters() {
        for (Thread t : blockedWriters) {
            engine.wake(t);
        }
    }

    /** Sends a message; takes ownership of {@code payload} whatever happens. */
    void send(Header header, ByteBuf payload) {
        int length = payload.readableBytes();
        int chunk;
        try {
            // Here as well as before the write: a write queued from a callback reports nothing back.
            checkUp();
            chunk = chunkFor(header);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        if (length <= chunk) {
            engine.withLoop(() -> write(OutboundFrame.data(header, payload), payload));
            if (backlogged()) {
                // The socket took less than all: Netty waits for EPOLLOUT before it writes
                // again, and only a thread running the loop's I/O sees that. A rank that only
                // sends (a reduce leaf) never waits, and the daemon never takes a loop its user
                // keeps using, so without this round the bytes would pile up unwritten until
                // the high water mark, and its receiver would starve meanwhile.
                engine.poll();
            }
            return;
        }
        sendChunked(header, payload, chunk);
    }

    /** Whether bytes written to this connection wait for the socket to take them. */
    private boolean backlogged() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out != null && out.totalPendingWriteBytes() > 0;
    }

    private int chunkFor(Header header) {
        int headerBytes = HeaderCodec.size(header);
        int room = maxFrameBytes - FrameEncoder.frameBytes(headerBytes + CHUNK_FIELDS_BYTES, 0) - 16;
        if (room < 1) {
            throw new IllegalArgumentException(
                    "header of " + headerBytes + " bytes leaves no room for payload in maxFrameBytes=" + maxFrameBytes);
        }
        return Math.min(chunkBytes, room);
    }

    /**
     * Writes a message queued while the connection was being opened, on the event loop,
     * without waiting for room (the queue was bounded instead); takes ownership of
     * {@code payload}. The caller flushes.
     */
    void writeQueued(Header header, ByteBuf payload) {
        int chunk;
        try {
            chunk = chunkFor(header);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        int length = payload.readableBytes();
        if (length <= chunk) {
            channel.write(OutboundFrame.data(header, payload));
            return;
        }
        int total = (int) ((length + (long) chunk - 1) / chunk);
        Header.Builder builder = header.toBuilder().setChunkTotal(total).setTotalBytes(length);
        int base = payload.readerIndex();
        try {
            for (int i = 0; i < total; i++) {
                int offset = i * chunk;
                ByteBuf slice = payload.retainedSlice(base + offset, Math.min(chunk, length - offset));
                channel.write(OutboundFrame.data(builder.setChunkIndex(i).build(), slice));
            }
        } finally {
            payload.release();
        }
    }

    /** Waits for room, then writes {@code frame}; on failure releases {@code owned}. */
    private void write(Object frame, ByteBuf owned) {
        try {
            awaitWritable();
        } catch (RuntimeException e) {
            owned.release();
            throw e;
        }
        channel.writeAndFlush(frame);
    }

    private void sendChunked(Header header, ByteBuf payload, int chunk) {
        int length = payload.readableBytes();
        int total = (int) ((length + (long) chunk - 1) / chunk);
        Header.Builder builder = header.toBuilder().setChunkTotal(total).setTotalBytes(length);
        sendLock.lock();
        try {
            int base = payload.readerIndex();
            for (int i = 0; i < total; i++) {
                int offset = i * chunk;
                int n = Math.min(chunk, length - offset);
                ByteBuf slice = payload.retainedSlice(base + offset, n);
                Object frame = OutboundFrame.data(builder.setChunkIndex(i).build(), slice);
                engine.withLoop(() -> write(frame, slice));
            }
        } finally {
            sendLock.unlock();
            payload.release();
        }
    }

    /** Sends a control message if the connection is up; never blocks. */
    void sendControl(Control control) {
        if (ended.get() == null && channel.isActive()) {
            engine.withLoop(() -> channel.writeAndFlush(OutboundFrame.control(control)));
        }
    }

    /**
     * Returns once the channel is writable, driving the loop (or waiting for its driver) until
     * it drains; returns at once inside a transport callback, which must not wait.
     *
     * @throws PeerFailedException if the peer has ended
     */
    private void awaitWritable() {
        checkUp();
        if (channel.isWritable() || engine.inCallback()) {
            return;
        }
        Thread me = Thread.currentThread();
        blockedWriters.add(me);
        try {
            engine.await(writableOrEnded, Long.MAX_VALUE);
        } finally {
            blockedWriters.remove(me);
        }
        checkUp();
    }

    private void checkUp() {
        PeerFailure f = ended.get();
        if (f != null) {
            throw new PeerFailedException(f);
        }
    }
}
