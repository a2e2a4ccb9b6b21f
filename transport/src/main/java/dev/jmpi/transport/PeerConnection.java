package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The authenticated connection to one peer rank, seen from user threads: sends (chunking
 * large payloads), waits while the channel is not writable, and remembers why the peer is
 * gone. {@link #end} records the first reason exactly once; later sends throw
 * {@link PeerFailedException} carrying it.
 *
 * <p>Writes use plain futures without listeners: a write that fails because the connection
 * broke needs no handling here, since the broken connection itself is reported through
 * {@link #end}.
 *
 * <p>Threads: {@link #send} from any thread; the send lock keeps the chunks of one message
 * contiguous on the wire. The event loop calls {@link #writabilityChanged()} and
 * {@link #end}; waiting senders are woken by both.
 */
final class PeerConnection {

    /** Spins on writability this many times before parking. */
    private static final int SPIN_ITERATIONS = 256;
    /** Upper bound on one park, so a missed wake-up costs at most this. */
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Slack for the chunk fields added to a chunk's header. */
    private static final int CHUNK_FIELDS_BYTES = 32;

    private final int rank;
    private final Channel channel;
    private final int maxFrameBytes;
    private final int chunkBytes;
    private volatile String address;
    private final AtomicReference<PeerFailure> ended = new AtomicReference<>();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final ReentrantLock gateLock = new ReentrantLock();
    private final Condition gate = gateLock.newCondition();
    private volatile int waiters;

    PeerConnection(int rank, String address, Channel channel, int maxFrameBytes, int chunkBytes) {
        this.rank = rank;
        this.address = address;
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.chunkBytes = chunkBytes;
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
    PeerFailure endedBy() {
        return ended.get();
    }

    /**
     * Records that the connection ended for {@code reason}; returns the failure if this was
     * the first end, null if it had already ended. Wakes waiting senders.
     */
    PeerFailure end(String reason) {
        PeerFailure f = new PeerFailure(rank, address, reason);
        if (!ended.compareAndSet(null, f)) {
            return null;
        }
        wakeWaiters();
        return f;
    }

    /** Called by the event loop when the channel's writability flips. */
    void writabilityChanged() {
        if (waiters > 0 && channel.isWritable()) {
            wakeWaiters();
        }
    }

    private void wakeWaiters() {
        gateLock.lock();
        try {
            gate.signalAll();
        } finally {
            gateLock.unlock();
        }
    }

    /** Sends a message; takes ownership of {@code payload} whatever happens. */
    void send(Header header, ByteBuf payload) {
        int length = payload.readableBytes();
        int chunk;
        try {
            int room = maxFrameBytes - FrameEncoder.frameBytes(header.getSerializedSize() + CHUNK_FIELDS_BYTES, 0) - 16;
            if (room < 1) {
                throw new IllegalArgumentException("header of " + header.getSerializedSize()
                        + " bytes leaves no room for payload in maxFrameBytes=" + maxFrameBytes);
            }
            chunk = Math.min(chunkBytes, room);
            if (length <= chunk) {
                awaitWritable();
                channel.writeAndFlush(OutboundFrame.data(header, payload));
                return;
            }
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        sendChunked(header, payload, chunk);
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
                awaitWritable();
                ByteBuf slice = payload.retainedSlice(base + offset, n);
                channel.writeAndFlush(OutboundFrame.data(builder.setChunkIndex(i).build(), slice));
            }
        } finally {
            sendLock.unlock();
            payload.release();
        }
    }

    /** Sends a control message if the connection is up; never blocks. */
    void sendControl(Control control) {
        if (ended.get() == null && channel.isActive()) {
            channel.writeAndFlush(OutboundFrame.control(control));
        }
    }

    /**
     * Returns once the channel is writable; spins briefly, then parks until the event loop
     * signals writability or the peer ends.
     *
     * @throws PeerFailedException if the peer has ended
     */
    private void awaitWritable() {
        for (int i = 0; i < SPIN_ITERATIONS; i++) {
            checkUp();
            if (channel.isWritable()) {
                return;
            }
            Thread.onSpinWait();
        }
        gateLock.lock();
        waiters++;
        try {
            while (true) {
                checkUp();
                if (channel.isWritable()) {
                    return;
                }
                gate.awaitNanos(PARK_NANOS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerFailedException(new PeerFailure(rank, address,
                    "interrupted while waiting for the connection to drain"));
        } finally {
            waiters--;
            gateLock.unlock();
        }
    }

    private void checkUp() {
        PeerFailure f = ended.get();
        if (f != null) {
            throw new PeerFailedException(f);
        }
    }
}
