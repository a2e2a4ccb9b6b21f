package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages sent by one thread to one peer arrive in the order that thread sent them, however
 * many threads send at once and whichever of them holds the event loop: a sender that takes
 * the loop and writes to the socket directly must not overtake its own writes still queued as
 * tasks (and a chunked message must stay whole on the wire).
 */
@Timeout(300)
class SendOrderTest {

    private static final int THREADS = 12;
    private static final int MESSAGES_PER_THREAD = 6_000;
    private static final int CHUNK_BYTES = 4096;

    private List<NettyMesh> meshes;

    @AfterEach
    void close() {
        if (meshes != null) {
            NettyMeshes.closeAll(meshes);
        }
    }

    /** Checks, per sending thread (the tag), that sequence numbers arrive 0, 1, 2, ... */
    private static final class OrderChecker implements InboundHandler {
        final AtomicLongArray next = new AtomicLongArray(THREADS);
        final AtomicInteger received = new AtomicInteger();
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<PeerFailure> failures = new ConcurrentLinkedQueue<>();
        volatile Thread waiter;
        volatile Progress progress;

        @Override
        public void onMessage(Header header, ByteBuf payload) {
            try {
                int thread = header.getTag();
                long seq = header.getSequence();
                long expected = next.get(thread);
                if (seq != expected && violations.size() < 20) {
                    violations.add("thread " + thread + ": message " + seq + " arrived when " + expected + " was due");
                }
                next.set(thread, seq + 1);
                if (payload.readableBytes() != size(seq)) {
                    violations.add(
                            "thread " + thread + ": message " + seq + " has " + payload.readableBytes() + " bytes");
                }
            } finally {
                payload.release();
            }
            received.incrementAndGet();
            wakeWaiter();
        }

        @Override
        public void onControl(int source, Control control) {}

        @Override
        public void onPeerFailure(PeerFailure failure) {
            failures.add(failure);
            wakeWaiter();
        }

        private void wakeWaiter() {
            Thread w = waiter;
            if (w != null) {
                progress.wake(w);
            }
        }
    }

    /** Mostly small messages; every 97th spans three chunks. */
    private static int size(long seq) {
        return seq % 97 == 0 ? CHUNK_BYTES * 2 + 100 : 16;
    }

    @Test
    void eachSendingThreadsMessagesArriveInTheOrderItSentThem() throws Exception {
        // High water marks well above the traffic, so senders rarely block and the loop's
        // task queue fills with the writes of threads that did not get the loop.
        meshes = NettyMeshes.start(2, b -> b.chunkBytes(CHUNK_BYTES).writeBufferWaterMarks(32 << 20, 64 << 20));
        OrderChecker checker = new OrderChecker();
        checker.progress = meshes.get(1).progress();
        meshes.get(1).start(checker);
        meshes.get(0).start(new RecordingHandler());

        // A busy loop owner (as in a long combine inside a completion callback) holds the loop
        // while every sender queues thousands of writes; once it lets go, whichever sender
        // takes the loop next writes directly, and must not overtake its own queued writes.
        int queuedWhileHeld = THREADS * DrivenEventLoop.MAX_TASKS_PER_TURN / 4;
        AtomicInteger sent = new AtomicInteger();
        CountDownLatch enoughQueued = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        ProgressEngine engine = (ProgressEngine) meshes.get(0).progress();
        Thread holder = new Thread(
                () -> engine.withLoop(() -> {
                    held.countDown();
                    try {
                        enoughQueued.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }),
                "busy-loop-owner");
        holder.start();
        assertTrue(held.await(60, TimeUnit.SECONDS), "the holder never got the loop");

        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> senderErrors = new ConcurrentLinkedQueue<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread s = new Thread(
                    () -> {
                        try {
                            go.await();
                            byte[] bytes = new byte[CHUNK_BYTES * 2 + 100];
                            for (int i = 0; i < MESSAGES_PER_THREAD; i++) {
                                Header h = Header.newBuilder()
                                        .setKind(Kind.P2P)
                                        .setSource(0)
                                        .setTag(thread)
                                        .setSequence(i)
                                        .build();
                                meshes.get(0).send(1, h, Unpooled.wrappedBuffer(bytes, 0, size(i)));
                                if (sent.incrementAndGet() == queuedWhileHeld) {
                                    enoughQueued.countDown();
                                }
                            }
                        } catch (Throwable e) {
                            senderErrors.add(e);
                        }
                    },
                    "sender-" + t);
            s.start();
            senders.add(s);
        }
        go.countDown();

        int total = THREADS * MESSAGES_PER_THREAD;
        checker.waiter = Thread.currentThread();
        boolean all = checker.progress.await(
                () -> checker.received.get() == total || !checker.failures.isEmpty(),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(240));
        for (Thread s : senders) {
            s.join(TimeUnit.SECONDS.toMillis(60));
        }
        holder.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(senderErrors.isEmpty(), "senders failed: " + senderErrors);
        assertTrue(checker.failures.isEmpty(), "connection failed: " + checker.failures);
        assertEquals(List.of(), List.copyOf(checker.violations));
        assertTrue(all, "received " + checker.received.get() + " of " + total);
    }
}
