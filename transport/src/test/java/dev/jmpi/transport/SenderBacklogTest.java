package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rank that only sends (a reduce leaf) never waits, so its thread takes the loop only to
 * write and never runs its I/O. Once the socket refuses part of a write, Netty writes the rest
 * only on {@code EPOLLOUT}, which only a thread running the loop's I/O sees, and the
 * background thread stays away from a loop its user keeps using. So the sender's next sends
 * must run that I/O themselves, or frames pile up unwritten (up to the high water mark) while
 * the receiver starves.
 */
class SenderBacklogTest {

    @Test
    @Timeout(120)
    void aSenderThatNeverWaitsKeepsItsSocketFed() throws Exception {
        List<NettyMesh> meshes =
                NettyMeshes.start(2, b -> b.socketBufferBytes(16 * 1024).heartbeatTimeoutMs(120_000));
        AtomicBoolean stop = new AtomicBoolean();
        try {
            RecordingHandler h1 = new RecordingHandler();
            meshes.get(0).start(new RecordingHandler());
            meshes.get(1).start(h1);
            // As when the sender's thread never pauses for 2 ms: its background thread must not
            // take the loop (it would flush what waits). Asking it to let go keeps it off.
            holdOffBackground((ProgressEngine) meshes.get(0).progress());
            int messages = 32;
            int size = 64 * 1024; // 2 MiB in all: far below the 8 MiB high water mark
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int seq = 0; seq < messages; seq++) {
                    AbstractTransportContractTest.sendPattern(meshes.get(0), 1, seq, size);
                }
                // Keep sending small frames, as a busy leaf does, never waiting for anything:
                // this keeps the background thread off the loop (its 2 ms grace never ends).
                for (long seq = messages; !stop.get(); seq++) {
                    AbstractTransportContractTest.sendPattern(meshes.get(0), 1, seq, 8);
                    LockSupport.parkNanos(500_000);
                }
            });
            for (int seq = 0; seq < messages; seq++) {
                AbstractTransportContractTest.assertPattern(h1.nextMessage(20_000), 0, 1, seq, size);
            }
            stop.set(true);
            sender.get(60, TimeUnit.SECONDS);
            assertEquals(0, h1.failures.size());
        } finally {
            stop.set(true);
            NettyMeshes.closeAll(meshes);
        }
    }

    private static void holdOffBackground(ProgressEngine engine) throws ReflectiveOperationException {
        Field wanted = ProgressEngine.class.getDeclaredField("wanted");
        wanted.setAccessible(true);
        ((AtomicInteger) wanted.get(engine)).incrementAndGet();
    }
}
