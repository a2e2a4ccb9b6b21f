package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lazy connections ({@code jmpi.connect=lazy}): a job opens only the connections its traffic
 * uses; two ranks that send each other their first message at once end up with one
 * connection and every message in order; a dial to a rank that is gone fails that rank after
 * the connect backoff, naming it.
 */
@Timeout(600)
class LazyConnectionTest {

    private static final long WAIT_MS = 120_000;

    private final List<NettyMesh> meshes = new ArrayList<>();

    @AfterEach
    void close() {
        NettyMeshes.closeAll(meshes);
    }

    private List<NettyMesh> startLazy(int size, int chunkBytes, long connectTimeoutMs) throws Exception {
        List<NettyMesh> started = NettyMeshes.start(
                size,
                b -> b.connectMode(TransportSettings.ConnectMode.LAZY)
                        .chunkBytes(chunkBytes)
                        .connectTimeoutMs(connectTimeoutMs));
        meshes.addAll(started);
        return started;
    }

    /** Checks that each source's messages arrive with sequence 0, 1, 2, ... and counts them. */
    private static final class OrderChecker implements InboundHandler {
        final AtomicLongArray next;
        final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<PeerFailure> failures = new ConcurrentLinkedQueue<>();

        OrderChecker(int size) {
            next = new AtomicLongArray(size);
        }

        @Override
        public void onMessage(Header header, ByteBuf payload) {
            try {
                int source = header.getSource();
                long expected = next.get(source);
                if (header.getSequence() != expected) {
                    violations.add("from rank " + source + ": message " + header.getSequence() + " arrived when "
                            + expected + " was due");
                }
                long crc = TestPayloads.crc(payload);
                int length = payload.readableBytes();
                if (crc
                        != TestPayloads.expectedCrc(
                                TestPayloads.seed(source, header.getTag(), header.getSequence()), length)) {
                    violations.add("from rank " + source + ": message " + header.getSequence() + " corrupted");
                }
                next.set(source, header.getSequence() + 1);
            } finally {
                payload.release();
            }
        }

        @Override
        public void onControl(int source, dev.jmpi.proto.Control control) {}

        @Override
        public void onPeerFailure(PeerFailure failure) {
            failures.add(failure);
        }

        void awaitFrom(int source, long count, NettyMesh mesh) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
            while (next.get(source) < count) {
                if (!failures.isEmpty() || !violations.isEmpty()) {
                    fail("rank " + mesh.rank() + ": failures " + failures + ", violations " + violations);
                }
                if (System.nanoTime() > deadline) {
                    fail("rank " + mesh.rank() + ": " + next.get(source) + " of " + count + " messages from rank "
                            + source + " within " + WAIT_MS + " ms");
                }
                // Drive the mesh's I/O as a waiting rank does, until the next event or 50 ms.
                mesh.progress().await(() -> next.get(source) >= count, System.nanoTime() + 50_000_000L);
            }
        }
    }

    private static void send(NettyMesh from, int dest, long sequence, int length) {
        Header h = TestPayloads.header(from.rank(), dest, sequence, length);
        from.send(
                dest,
                h,
                TestPayloads.generate(from.allocator(), TestPayloads.seed(from.rank(), dest, sequence), length));
    }

    @Test
    void ringExchangeOpensOnlyEachRanksNeighbours() throws Exception {
        int size = 8;
        List<NettyMesh> ms = startLazy(size, MeshConfig.DEFAULT_CHUNK_BYTES, 60_000);
        List<OrderChecker> checkers = new ArrayList<>();
        for (NettyMesh m : ms) {
            assertEquals(0, m.openConnections(), "rank " + m.rank() + " has connections before any message");
            OrderChecker c = new OrderChecker(size);
            checkers.add(c);
            m.start(c);
        }
        for (NettyMesh m : ms) {
            for (int i = 0; i < 5; i++) {
                send(m, (m.rank() + 1) % size, i, 100 + i);
            }
        }
        for (NettyMesh m : ms) {
            checkers.get(m.rank()).awaitFrom((m.rank() + size - 1) % size, 5, m);
        }
        for (NettyMesh m : ms) {
            int r = m.rank();
            assertEquals(2, m.openConnections(), "rank " + r + ": open connections");
            assertEquals(2, m.admittedConnections(), "rank " + r + ": connections ever admitted");
            assertNotNull(m.peer((r + 1) % size), "rank " + r + ": connection to its right neighbour");
            assertNotNull(m.peer((r + size - 1) % size), "rank " + r + ": connection to its left neighbour");
            assertNull(m.peer((r + 4) % size), "rank " + r + ": connection to the rank opposite");
        }
    }

    @Test
    void simultaneousFirstSendsKeepOneConnectionPerPairAndEveryMessageInOrder() throws Exception {
        int size = 4;
        int rounds = 12;
        int messages = 40;
        int chunkBytes = 16 * 1024;
        int races = 0;
        for (int round = 0; round < rounds; round++) {
            List<NettyMesh> ms = startLazy(size, chunkBytes, 60_000);
            List<OrderChecker> checkers = new ArrayList<>();
            for (NettyMesh m : ms) {
                OrderChecker c = new OrderChecker(size);
                checkers.add(c);
                m.start(c);
            }
            // Every rank sends to every other at the same moment, so each pair dials both ways.
            CyclicBarrier go = new CyclicBarrier(size);
            List<Thread> senders = new ArrayList<>();
            ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
            for (NettyMesh m : ms) {
                Thread t = new Thread(
                        () -> {
                            try {
                                go.await(WAIT_MS, TimeUnit.MILLISECONDS);
                                for (int i = 0; i < messages; i++) {
                                    for (int d = 0; d < size; d++) {
                                        if (d != m.rank()) {
                                            // The first message is chunked, to check chunks queued while dialing.
                                            send(m, d, i, i == 0 ? 3 * chunkBytes + 17 : 64 + i);
                                        }
                                    }
                                }
                            } catch (Throwable e) {
                                errors.add(e);
                            }
                        },
                        "sender-r" + m.rank());
                t.start();
                senders.add(t);
            }
            for (Thread t : senders) {
                t.join(WAIT_MS);
            }
            assertTrue(errors.isEmpty(), "round " + round + ": " + errors);
            for (NettyMesh m : ms) {
                for (int s = 0; s < size; s++) {
                    if (s != m.rank()) {
                        checkers.get(m.rank()).awaitFrom(s, messages, m);
                    }
                }
            }
            for (NettyMesh a : ms) {
                assertEquals(size - 1, a.admittedConnections(), "round " + round + ": rank " + a.rank() + " admitted");
                for (NettyMesh b : ms) {
                    if (a != b) {
                        // One connection per pair: both ends of the same socket.
                        assertEquals(
                                a.peer(b.rank()).channel().localAddress(),
                                b.peer(a.rank()).channel().remoteAddress(),
                                "round " + round + ": ranks " + a.rank() + " and " + b.rank() + " use one connection");
                    }
                }
            }
            for (OrderChecker c : checkers) {
                assertTrue(c.violations.isEmpty(), "round " + round + ": " + c.violations);
                assertTrue(c.failures.isEmpty(), "round " + round + ": " + c.failures);
            }
            for (NettyMesh m : ms) {
                races += m.refusedDials();
            }
            NettyMeshes.closeAll(ms);
            meshes.removeAll(ms);
        }
        System.out.println("simultaneous dials refused in " + rounds + " rounds: " + races);
        assertTrue(races > 0, "no simultaneous dial happened in " + rounds + " rounds: the race was not tested");
    }

    @Test
    void sendToARankThatIsGoneFailsItAfterTheConnectBackoffNamingIt() throws Exception {
        List<NettyMesh> ms = startLazy(3, MeshConfig.DEFAULT_CHUNK_BYTES, 3_000);
        RecordingHandler handler = new RecordingHandler();
        ms.get(0).start(handler);
        ms.get(2).start(new RecordingHandler());
        // Rank 2 ends before anyone connected to it: nobody has a connection that could close.
        ms.get(2).close();
        String address = ms.get(0).addressOf(2);
        long start = System.nanoTime();
        send(ms.get(0), 2, 0, 10);
        PeerFailure f = handler.nextFailure(WAIT_MS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(2, f.rank());
        assertEquals(address, f.address());
        assertTrue(f.reason().contains("could not connect within"), f.reason());
        assertTrue(f.reason().contains("last error"), f.reason());
        assertTrue(tookMs >= 1_000, "gave up after " + tookMs + " ms, before the backoff reached the deadline");
        PeerFailedException later = assertThrows(PeerFailedException.class, () -> send(ms.get(0), 2, 1, 10));
        assertTrue(later.getMessage().contains("rank 2 (" + address + ")"), later.getMessage());
        assertEquals(0, ms.get(0).openConnections());
    }

    @Test
    void openReachesARankThatOnlyHeldANoticeForUs() throws Exception {
        List<NettyMesh> ms = startLazy(2, MeshConfig.DEFAULT_CHUNK_BYTES, 60_000);
        OrderChecker at0 = new OrderChecker(2);
        ms.get(0).start(at0);
        ms.get(1).start(new OrderChecker(2));
        // Rank 1 holds a notice for rank 0 without dialing; rank 0, waiting for rank 1, opens.
        ms.get(1).sendWhenConnected(0, TestPayloads.header(1, 0, 0, 0));
        assertEquals(0, ms.get(1).openConnections());
        ms.get(0).open(1);
        at0.awaitFrom(1, 1, ms.get(0));
        assertEquals(1, ms.get(0).openConnections());
        assertEquals(1, ms.get(1).openConnections());
    }
}
