package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.Abort;
import dev.jmpi.proto.AbortReason;
import dev.jmpi.proto.Control;
import dev.jmpi.proto.Header;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link Transport} must have, run against the in-JVM fabric and the
 * Netty mesh alike.
 */
abstract class AbstractTransportContractTest {

    static final long WAIT_MS = 60_000;
    static final int[] SIZES = {0, 1, 64 * 1024, 1024 * 1024 + 3};

    protected List<? extends Transport> transports = List.of();
    private ExecutorService pool;

    /** Creates the (not yet started) transports of a job of {@code size} ranks. */
    protected abstract List<? extends Transport> open(int size) throws Exception;

    /** Makes {@code rank} vanish without saying goodbye, as a crash would. */
    protected abstract void crash(int rank);

    @AfterEach
    void closeTransports() {
        if (pool != null) {
            pool.shutdownNow();
        }
        NettyMeshes.closeAll(transports);
    }

    private List<RecordingHandler> startAll(int size) throws Exception {
        transports = open(size);
        List<RecordingHandler> handlers = new ArrayList<>();
        for (Transport t : transports) {
            RecordingHandler h = new RecordingHandler();
            t.start(h);
            handlers.add(h);
        }
        return handlers;
    }

    static void sendPattern(Transport from, int dest, long sequence, int length) {
        ByteBuf payload =
                TestPayloads.generate(from.allocator(), TestPayloads.seed(from.rank(), dest, sequence), length);
        from.send(dest, TestPayloads.header(from.rank(), dest, sequence, length), payload);
    }

    static void assertPattern(RecordingHandler.Received r, int source, int dest, long sequence, int length) {
        Header h = r.header();
        assertEquals(source, h.getSource(), "source");
        assertEquals(sequence, h.getSequence(), "sequence from rank " + source);
        assertEquals(length, r.length(), "length of message " + sequence + " from rank " + source);
        assertEquals(
                TestPayloads.expectedCrc(TestPayloads.seed(source, dest, sequence), length),
                r.crc(),
                "content of message " + sequence + " from rank " + source + " to rank " + dest);
        assertEquals(dest, h.getTag(), "tag");
    }

    @ParameterizedTest(name = "{0} ranks")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    @Timeout(120)
    void everyPairExchangesMessagesOfEverySizeIntactAndInOrder(int size) throws Exception {
        List<RecordingHandler> handlers = startAll(size);
        int perPair = SIZES.length + 16;
        pool = Executors.newFixedThreadPool(size);
        List<Future<?>> senders = new ArrayList<>();
        for (Transport t : transports) {
            senders.add(pool.submit(() -> {
                for (int d = 0; d < size; d++) {
                    int dest = (t.rank() + d) % size;
                    for (int seq = 0; seq < perPair; seq++) {
                        sendPattern(t, dest, seq, seq < SIZES.length ? SIZES[seq] : seq * 7);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : senders) {
            f.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        for (int dest = 0; dest < size; dest++) {
            RecordingHandler h = handlers.get(dest);
            Map<Integer, Integer> nextSeq = new HashMap<>();
            for (int i = 0; i < size * perPair; i++) {
                RecordingHandler.Received r = h.nextMessage(WAIT_MS);
                int source = r.header().getSource();
                int seq = nextSeq.merge(source, 1, Integer::sum) - 1;
                assertPattern(r, source, dest, seq, seq < SIZES.length ? SIZES[seq] : seq * 7);
            }
            assertNull(h.messages.poll(), "rank " + dest + " received more than was sent");
            assertTrue(h.failures.isEmpty(), "rank " + dest + " saw failures " + h.failures);
        }
    }

    @Test
    @Timeout(120)
    void messageOf256MiBIsChunkedAndArrivesIntactOnce() throws Exception {
        List<RecordingHandler> handlers = startAll(2);
        int length = 256 * 1024 * 1024;
        long expected = TestPayloads.expectedCrc(TestPayloads.seed(1, 0, 7), length);
        sendPattern(transports.get(1), 0, 7, length);
        sendPattern(transports.get(1), 0, 8, 1);
        RecordingHandler.Received r = handlers.get(0).nextMessage(WAIT_MS);
        assertEquals(length, r.length());
        assertEquals(expected, r.crc(), "content of the 256 MiB message");
        assertEquals(7, r.header().getSequence());
        assertEquals(0, r.header().getChunkTotal(), "chunk fields are cleared on delivery");
        assertPattern(handlers.get(0).nextMessage(WAIT_MS), 1, 0, 8, 1);
    }

    @Test
    @Timeout(60)
    void selfSendsArriveInOrderOnATransportThread() throws Exception {
        List<RecordingHandler> handlers = startAll(3);
        Transport t = transports.get(1);
        for (int seq = 0; seq < 200; seq++) {
            sendPattern(t, 1, seq, seq % 5 == 0 ? 70_000 : seq);
        }
        for (int seq = 0; seq < 200; seq++) {
            RecordingHandler.Received r = handlers.get(1).nextMessage(WAIT_MS);
            assertPattern(r, 1, 1, seq, seq % 5 == 0 ? 70_000 : seq);
            assertTrue(!r.thread().equals(Thread.currentThread().getName()), "delivered on " + r.thread());
        }
    }

    @Test
    @Timeout(60)
    void concurrentSendersToOnePeerKeepEachThreadsOrder() throws Exception {
        List<RecordingHandler> handlers = startAll(2);
        int threads = 4;
        int perThread = 40;
        pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> senders = new ArrayList<>();
        for (int th = 0; th < threads; th++) {
            int thread = th;
            senders.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    long seq = thread * 1000L + i;
                    sendPattern(transports.get(0), 1, seq, i % 4 == 0 ? 600_000 + i : 100 + i);
                }
                return null;
            }));
        }
        for (Future<?> f : senders) {
            f.get(WAIT_MS, TimeUnit.MILLISECONDS);
        }
        int[] next = new int[threads];
        for (int n = 0; n < threads * perThread; n++) {
            RecordingHandler.Received r = handlers.get(1).nextMessage(WAIT_MS);
            int thread = (int) (r.header().getSequence() / 1000);
            int i = next[thread]++;
            assertPattern(r, 0, 1, thread * 1000L + i, i % 4 == 0 ? 600_000 + i : 100 + i);
        }
    }

    @Test
    @Timeout(60)
    void crashedPeerIsReportedOnceToEverySurvivorAndSendsToItFail() throws Exception {
        List<RecordingHandler> handlers = startAll(3);
        // Both survivors talk to rank 1 first: a transport that connects lazily reports the
        // loss of a connection it has (one it never opened is learnt of when it is opened).
        sendPattern(transports.get(0), 1, 0, 10);
        sendPattern(transports.get(2), 1, 0, 10);
        handlers.get(1).nextMessage(WAIT_MS);
        handlers.get(1).nextMessage(WAIT_MS);
        crash(1);
        for (int r : new int[] {0, 2}) {
            PeerFailure f = handlers.get(r).nextFailure(WAIT_MS);
            assertEquals(1, f.rank());
            assertEquals(transports.get(r).addressOf(1), f.address());
            int survivor = r;
            PeerFailedException e =
                    assertThrows(PeerFailedException.class, () -> sendPattern(transports.get(survivor), 1, 0, 10));
            assertEquals(1, e.failure().rank());
        }
        sendPattern(transports.get(0), 2, 5, 1000);
        assertPattern(handlers.get(2).nextMessage(WAIT_MS), 0, 2, 5, 1000);
        sendPattern(transports.get(2), 0, 6, 0);
        assertPattern(handlers.get(0).nextMessage(WAIT_MS), 2, 0, 6, 0);
        assertTrue(
                handlers.get(0).failures.isEmpty() && handlers.get(2).failures.isEmpty(),
                "failure reported more than once");
    }

    @Test
    @Timeout(60)
    void orderlyCloseReportsNoFailureAndLaterSendsFail() throws Exception {
        List<RecordingHandler> handlers = startAll(3);
        sendPattern(transports.get(2), 0, 1, 100);
        transports.get(2).close();
        assertPattern(handlers.get(0).nextMessage(WAIT_MS), 2, 0, 1, 100);
        // Prove the goodbye was processed: rank 1 sees rank 0's next message after it.
        sendPattern(transports.get(0), 1, 2, 10);
        assertPattern(handlers.get(1).nextMessage(WAIT_MS), 0, 1, 2, 10);
        awaitSendFailure(transports.get(0), 2);
        assertTrue(
                handlers.get(0).failures.isEmpty(), "orderly close reported as failure: " + handlers.get(0).failures);
        assertTrue(
                handlers.get(1).failures.isEmpty(), "orderly close reported as failure: " + handlers.get(1).failures);
    }

    private static void awaitSendFailure(Transport from, int dest) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() < deadline) {
            try {
                sendPattern(from, dest, 99, 1);
            } catch (PeerFailedException e) {
                assertEquals(dest, e.failure().rank());
                return;
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
        throw new AssertionError("sends to closed rank " + dest + " kept succeeding");
    }

    @Test
    @Timeout(60)
    void abortControlReachesThePeerAndSelf() throws Exception {
        List<RecordingHandler> handlers = startAll(2);
        Control abort = Control.newBuilder()
                .setAbort(Abort.newBuilder()
                        .setReason(AbortReason.USER_ABORT)
                        .setDescription("stop")
                        .setOriginRank(0)
                        .setExitCode(3))
                .build();
        transports.get(0).sendControl(1, abort);
        transports.get(0).sendControl(0, abort);
        for (int r = 0; r < 2; r++) {
            RecordingHandler.ControlEvent e = handlers.get(r).controls.poll(WAIT_MS, TimeUnit.MILLISECONDS);
            assertEquals(0, e.source());
            assertEquals(abort, e.control());
        }
    }

    @Test
    @Timeout(60)
    void messagesArrivingBeforeStartAreHeldAndDeliveredInOrder() throws Exception {
        transports = open(2);
        RecordingHandler early = new RecordingHandler();
        transports.get(0).start(early);
        for (int seq = 0; seq < 50; seq++) {
            sendPattern(transports.get(0), 1, seq, seq * 100);
        }
        sendPattern(transports.get(0), 0, 0, 1);
        early.nextMessage(WAIT_MS);
        RecordingHandler late = new RecordingHandler();
        transports.get(1).start(late);
        for (int seq = 0; seq < 50; seq++) {
            assertPattern(late.nextMessage(WAIT_MS), 0, 1, seq, seq * 100);
        }
    }

    @Test
    @Timeout(60)
    void sendToAnInvalidRankFailsNamingItAndReleasesThePayload() throws Exception {
        startAll(2);
        Transport t = transports.get(0);
        ByteBuf payload = t.allocator().buffer(8).writeLong(1);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> t.send(2, TestPayloads.header(0, 2, 0, 8), payload));
        assertTrue(e.getMessage().contains("dest=2") && e.getMessage().contains("size=2"), e.getMessage());
        assertEquals(0, payload.refCnt());
    }
}
