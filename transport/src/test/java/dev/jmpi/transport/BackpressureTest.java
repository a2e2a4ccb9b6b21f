package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fast sender to a receiver that stops reading waits instead of buffering without bound. */
class BackpressureTest {

    @Test
    @Timeout(120)
    void senderWaitsWhileTheReceiverDoesNotReadAndResumesAfterwards() throws Exception {
        int low = 256 * 1024;
        int high = 1024 * 1024;
        int chunk = 128 * 1024;
        List<NettyMesh> meshes = NettyMeshes.start(
                2,
                b -> b.connectMode(TransportSettings.ConnectMode.EAGER) // the test reaches the connection first
                        .writeBufferWaterMarks(low, high)
                        .chunkBytes(chunk)
                        .maxFrameBytes(1024 * 1024)
                        .socketBufferBytes(64 * 1024)
                        .heartbeatTimeoutMs(120_000));
        try {
            RecordingHandler h1 = new RecordingHandler();
            meshes.get(0).start(new RecordingHandler());
            meshes.get(1).start(h1);
            meshes.get(1).peer(0).channel().config().setAutoRead(false);
            int messages = 64;
            int size = 512 * 1024;
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> {
                for (int seq = 0; seq < messages; seq++) {
                    AbstractTransportContractTest.sendPattern(meshes.get(0), 1, seq, size);
                }
            });
            io.netty.channel.Channel out = meshes.get(0).peer(1).channel();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (out.isWritable() && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
            assertTrue(!out.isWritable(), "the sender's channel never became unwritable");
            // The sender is now parked; what it queued stays within the high mark plus one chunk.
            long queued = out.unsafe().outboundBuffer() == null
                    ? 0
                    : out.unsafe().outboundBuffer().totalPendingWriteBytes();
            assertTrue(queued <= high + chunk + 4096, "queued " + queued + " bytes past the high water mark " + high);
            assertTrue(!sender.isDone(), "all " + messages * size + " bytes were accepted without backpressure");
            meshes.get(1).peer(0).channel().config().setAutoRead(true);
            sender.get(60, TimeUnit.SECONDS);
            for (int seq = 0; seq < messages; seq++) {
                AbstractTransportContractTest.assertPattern(h1.nextMessage(60_000), 0, 1, seq, size);
            }
            assertEquals(0, h1.failures.size());
        } finally {
            NettyMeshes.closeAll(meshes);
        }
    }
}
