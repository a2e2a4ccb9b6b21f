package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who runs a mesh's I/O: the thread that waits, or the progress daemon when nobody waits. */
@Timeout(120)
class ProgressEngineTest {

    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private List<NettyMesh> meshes;

    @AfterEach
    void close() {
        if (meshes != null) {
            NettyMeshes.closeAll(meshes);
        }
    }

    private static Header header(int tag) {
        return Header.newBuilder().setKind(Kind.P2P).setSource(0).setTag(tag).build();
    }

    private static ByteBuf payload() {
        return Unpooled.wrappedBuffer(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }

    /** Records, per tag, the thread that delivered it, and wakes the thread registered for that tag. */
    private static final class ByTag implements InboundHandler {
        final Map<Integer, String> deliveredOn = new ConcurrentHashMap<>();
        final Map<Integer, Thread> waiters = new ConcurrentHashMap<>();
        volatile Progress progress;

        @Override
        public void onMessage(Header header, ByteBuf payload) {
            payload.release();
            deliveredOn.put(header.getTag(), Thread.currentThread().getName());
            Thread w = waiters.get(header.getTag());
            if (w != null) {
                progress.wake(w);
            }
        }

        @Override
        public void onControl(int source, Control control) {}

        @Override
        public void onPeerFailure(PeerFailure failure) {}

        boolean await(int tag) {
            waiters.put(tag, Thread.currentThread());
            return progress.await(() -> deliveredOn.containsKey(tag), System.nanoTime() + DEADLINE_NANOS);
        }
    }

    @Test
    void aMessageIsReadMatchedAndHandedOverOnTheThreadThatWaitsForIt() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        ByTag h1 = new ByTag();
        h1.progress = meshes.get(1).progress();
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(h1);
        CountDownLatch driving = new CountDownLatch(1);
        CompletableFuture<Boolean> waited = new CompletableFuture<>();
        Thread waiter = new Thread(
                () -> {
                    h1.waiters.put(7, Thread.currentThread());
                    waited.complete(h1.progress.await(
                            () -> {
                                if (meshes.get(1).loop().inEventLoop()) {
                                    driving.countDown();
                                }
                                return h1.deliveredOn.containsKey(7);
                            },
                            System.nanoTime() + DEADLINE_NANOS));
                },
                "the-waiter");
        waiter.start();
        assertTrue(driving.await(60, TimeUnit.SECONDS), "the waiting thread never took the event loop");
        meshes.get(0).send(1, header(7), payload());
        assertTrue(waited.get(60, TimeUnit.SECONDS));
        assertEquals("the-waiter", h1.deliveredOn.get(7));
    }

    @Test
    void withNoThreadWaitingTheProgressDaemonDeliversMessages() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        RecordingHandler h1 = new RecordingHandler();
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(h1);
        meshes.get(0).send(1, header(3), payload());
        assertEquals("jmpi-r1-progress", h1.nextMessage(60_000).thread());
    }

    @Test
    void aThreadParkedWhileAnotherDrivesIsWokenWhenItsOwnMessageArrives() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        ByTag h1 = new ByTag();
        h1.progress = meshes.get(1).progress();
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(h1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> h1.await(1));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> h1.await(2));
        // Whichever of the two drives, the other parks; the second message completes it.
        meshes.get(0).send(1, header(2), payload());
        assertTrue(second.get(60, TimeUnit.SECONDS));
        meshes.get(0).send(1, header(1), payload());
        assertTrue(first.get(60, TimeUnit.SECONDS));
    }

    @Test
    void aBlockingWaitFromInsideATransportCallbackFailsInsteadOfDeadlocking() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        CountDownLatch called = new CountDownLatch(1);
        Progress progress = meshes.get(1).progress();
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(new InboundHandler() {
            @Override
            public void onMessage(Header header, ByteBuf payload) {
                payload.release();
                try {
                    progress.await(() -> false, System.nanoTime() + DEADLINE_NANOS);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
                called.countDown();
            }

            @Override
            public void onControl(int source, Control control) {}

            @Override
            public void onPeerFailure(PeerFailure failure) {}
        });
        meshes.get(0).send(1, header(5), payload());
        assertTrue(called.await(60, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, thrown.get());
        assertTrue(
                thrown.get().getMessage().contains("inside a transport callback"),
                thrown.get().getMessage());
    }

    @Test
    void theProgressDaemonLeavesTheLoopFreeWhileNothingIsOutstanding() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(new RecordingHandler());
        NettyMesh mesh = meshes.get(0);
        ProgressEngine engine = (ProgressEngine) mesh.progress();
        assertEquals(0, engine.outstanding(), "operations outstanding after the mesh was built");
        // Sampled for 400 ms: the daemon only takes the loop for due timers (microseconds),
        // where it used to hold it throughout, so that every send had to wake it and wait.
        int held = 0;
        int samples = 0;
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
        while (System.nanoTime() < end) {
            if (mesh.loop().owner() != null) {
                held++;
            }
            samples++;
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
        assertTrue(held * 5 < samples, "the loop was held in " + held + " of " + samples + " samples");
    }

    @Test
    void theProgressDaemonDrivesTheLoopWhileAnOperationIsOutstanding() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        RecordingHandler h1 = new RecordingHandler();
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(h1);
        ProgressEngine engine = (ProgressEngine) meshes.get(1).progress();
        engine.outstandingAdded();
        try {
            assertTrue(waitUntil(() -> meshes.get(1).loop().owner() != null), "the daemon never took the loop");
            assertEquals("jmpi-r1-progress", meshes.get(1).loop().owner().getName());
            meshes.get(0).send(1, header(4), payload());
            assertEquals("jmpi-r1-progress", h1.nextMessage(60_000).thread());
        } finally {
            engine.outstandingRemoved();
        }
        assertTrue(
                waitUntil(() -> meshes.get(1).loop().owner() == null),
                "the daemon kept the loop with nothing outstanding");
    }

    @Test
    void timersRunWithNothingOutstandingAndNobodyDriving() throws Exception {
        meshes = NettyMeshes.start(2, b -> b);
        meshes.get(0).start(new RecordingHandler());
        meshes.get(1).start(new RecordingHandler());
        CountDownLatch ran = new CountDownLatch(1);
        AtomicReference<String> on = new AtomicReference<>();
        meshes.get(1)
                .loop()
                .schedule(
                        () -> {
                            on.set(Thread.currentThread().getName());
                            ran.countDown();
                        },
                        300,
                        TimeUnit.MILLISECONDS);
        assertTrue(ran.await(60, TimeUnit.SECONDS), "a scheduled task (as heartbeats are) never ran");
        assertEquals("jmpi-r1-progress", on.get());
    }

    /** Polls {@code condition} every millisecond for up to 60 s, without driving any loop. */
    private static boolean waitUntil(java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return condition.getAsBoolean();
    }
}
