package dev.jmpi.transport;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * One rank of an {@link InJvmFabric}. Inbound events run on this endpoint's single
 * delivery thread, in the order they were enqueued; {@code queuedBytes} bounds what
 * senders may queue here (a sender waits on {@code room} while it is over the limit).
 * {@code ended[r]} records, once, why peer r is gone.
 */
final class InJvmEndpoint implements Transport {

    /** Inbound bytes a receiver may have queued before senders wait. */
    static final long MAX_QUEUED_BYTES = 64L * 1024 * 1024;

    private final InJvmFabric fabric;
    private final int rank;
    private final int size;
    private final InboundDispatcher dispatcher = new InboundDispatcher();
    private final ThreadPoolExecutor delivery;
    private final AtomicReferenceArray<PeerFailure> ended;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Object room = new Object();
    /**
     * Delivery runs on this endpoint's own thread, so waiters only spin (50 µs: the ranks are
     * threads of one JVM, nothing keeps them apart) and park.
     */
    private final Progress progress = new ParkingProgress(50_000L);

    private volatile @Nullable String gone;

    InJvmEndpoint(InJvmFabric fabric, int rank, int size) {
        this.fabric = fabric;
        this.rank = rank;
        this.size = size;
        this.ended = new AtomicReferenceArray<>(size);
        this.delivery = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "jmpi-injvm-r" + rank);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public int rank() {
        return rank;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void start(InboundHandler handler) {
        dispatcher.start(Objects.requireNonNull(handler, "handler"));
    }

    @Override
    public Progress progress() {
        return progress;
    }

    @Override
    public ByteBufAllocator allocator() {
        return ByteBufAllocator.DEFAULT;
    }

    @Override
    public void send(int dest, Header header, ByteBuf payload) {
        Objects.requireNonNull(payload, "payload");
        InJvmEndpoint target;
        ByteBuf copy;
        try {
            Objects.requireNonNull(header, "header");
            target = peer(dest);
            checkUp(dest);
            int n = payload.readableBytes();
            copy = ByteBufAllocator.DEFAULT.buffer(n);
            copy.writeBytes(payload, payload.readerIndex(), n);
        } finally {
            payload.release();
        }
        try {
            target.awaitRoom(this, dest);
        } catch (RuntimeException e) {
            copy.release();
            throw e;
        }
        if (!target.enqueueMessage(header, copy)) {
            checkUp(dest);
            throw new PeerFailedException(new PeerFailure(dest, addressOf(dest), "rank " + dest + " is gone"));
        }
    }

    @Override
    public void sendControl(int dest, Control control) {
        Objects.requireNonNull(control, "control");
        InJvmEndpoint target = peer(dest);
        if (gone == null && ended.get(dest) == null) {
            target.enqueue(() -> {
                if (target.gone == null) {
                    target.dispatcher.control(rank, control);
                }
            });
        }
    }

    @Override
    public String addressOf(int r) {
        peer(r);
        return "in-jvm:rank-" + r;
    }

    private InJvmEndpoint peer(int dest) {
        if (dest < 0 || dest >= size) {
            throw new IllegalArgumentException("invalid dest=" + dest + " (expected: 0 <= dest < size=" + size + ")");
        }
        return fabric.get(dest);
    }

    @Override
    public void close() {
        leave("rank " + rank + " closed its transport (goodbye received)", false);
    }

    void kill(String reason) {
        leave(reason, true);
    }

    private void leave(String reason, boolean failure) {
        synchronized (room) {
            if (gone != null) {
                return;
            }
            gone = failure ? "rank " + rank + " was killed" : "transport of rank " + rank + " is closed";
            room.notifyAll();
        }
        for (InJvmEndpoint other : fabric.all()) {
            if (other != this) {
                other.peerGone(rank, reason, failure);
            }
        }
        delivery.shutdown();
        dispatcher.discardHeld();
    }

    private void peerGone(int peer, String reason, boolean failure) {
        PeerFailure f = new PeerFailure(peer, addressOf(peer), reason);
        if (!ended.compareAndSet(peer, null, f)) {
            return;
        }
        if (failure) {
            enqueue(() -> {
                if (gone == null) {
                    dispatcher.failure(f);
                }
            });
        }
    }

    private void checkUp(int dest) {
        if (gone != null) {
            throw new PeerFailedException(new PeerFailure(dest, addressOf(dest), gone));
        }
        PeerFailure f = ended.get(dest);
        if (f != null) {
            throw new PeerFailedException(f);
        }
    }

    /** Waits while this (receiving) endpoint has more than its limit queued. */
    private void awaitRoom(InJvmEndpoint sender, int dest) {
        if (queuedBytes.get() <= MAX_QUEUED_BYTES) {
            return;
        }
        synchronized (room) {
            while (queuedBytes.get() > MAX_QUEUED_BYTES && gone == null) {
                sender.checkUp(dest);
                try {
                    room.wait(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PeerFailedException(new PeerFailure(
                            dest, addressOf(dest), "interrupted while waiting for rank " + dest + " to drain"));
                }
            }
        }
    }

    private boolean enqueueMessage(Header header, ByteBuf payload) {
        int n = payload.readableBytes();
        queuedBytes.addAndGet(n);
        boolean ok = enqueue(() -> {
            long left = queuedBytes.addAndGet(-n);
            if (gone != null) {
                payload.release();
            } else {
                dispatcher.message(header, payload);
            }
            if (left <= MAX_QUEUED_BYTES && left + n > MAX_QUEUED_BYTES) {
                synchronized (room) {
                    room.notifyAll();
                }
            }
        });
        if (!ok) {
            queuedBytes.addAndGet(-n);
            payload.release();
        }
        return ok;
    }

    /** Queues {@code task} on the delivery thread; tasks check {@code gone} themselves. */
    private boolean enqueue(Runnable task) {
        if (gone != null) {
            return false;
        }
        try {
            delivery.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "InJvmEndpoint[rank=" + rank + ", size=" + size + "]";
    }
}
