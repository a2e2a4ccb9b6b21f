package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The pipelined chain reduce under flow control, where every segment goes by rendezvous:
 * a rank posts its segments' receives ahead, so the requests-to-send of the rank before it in
 * the chain are cleared as soon as it enters (not one round trip per segment), and the data of a
 * cleared send is written by the thread waiting for the collective, not handed to the sender
 * thread. Three ranks, the fewest for which the chain is chosen: with root 0 the chain is
 * 2 (the tail) → 1 → 0.
 */
@Timeout(120)
class PipelineRendezvousTest {

    private static final int SEGMENTS = 16;
    /** Doubles per segment: 64 bytes. */
    private static final int SEGMENT_DOUBLES = 8;

    private static final int COUNT = SEGMENTS * SEGMENT_DOUBLES;

    private static double[] input(int rank) {
        double[] a = new double[COUNT];
        for (int i = 0; i < COUNT; i++) {
            a[i] = rank * 1000 + i + 0.25;
        }
        return a;
    }

    private static void withPipelinedReduce(Runnable body) {
        String threshold = CoreSettings.REDUCE_PIPELINE_THRESHOLD_BYTES.property();
        String segment = CoreSettings.REDUCE_SEGMENT_BYTES.property();
        String oldThreshold = System.getProperty(threshold);
        String oldSegment = System.getProperty(segment);
        System.setProperty(threshold, "0");
        System.setProperty(segment, Integer.toString(SEGMENT_DOUBLES * Double.BYTES));
        try {
            FlowSettings.with(0, 0, body); // no credit: every message goes by rendezvous
        } finally {
            restore(threshold, oldThreshold);
            restore(segment, oldSegment);
        }
    }

    private static void restore(String key, String old) {
        if (old == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, old);
        }
    }

    private static ContextQueues coll(Communicator comm) {
        return ((CommunicatorImpl) comm).collectiveQueues();
    }

    @Test
    void nextRankClearsEverySegmentsRequestToSendWhenItEnters() {
        withPipelinedReduce(() -> Ranks.run(3, comm -> {
            double[] mine = input(comm.rank());
            double[] sum = new double[COUNT];
            if (comm.rank() == 2) {
                Request r = comm.ireduce(mine, 0, sum, 0, COUNT, Op.SUM, 0);
                comm.send(new int[1], 1, 0); // after every request-to-send on the same connection
                r.await();
            } else if (comm.rank() == 1) {
                comm.recv(new int[1], 2, 0);
                assertEquals(SEGMENTS, coll(comm).heldRequestsToSend(), "the tail's segments wait as requests-to-send");
                Request r = comm.ireduce(mine, 0, sum, 0, COUNT, Op.SUM, 0);
                assertEquals(
                        0,
                        coll(comm).heldRequestsToSend(),
                        "entering the reduce posted every segment's receive, so every request-to-send was matched");
                r.await();
            } else {
                comm.ireduce(mine, 0, sum, 0, COUNT, Op.SUM, 0).await();
                double[] want = new double[COUNT];
                for (int i = 0; i < COUNT; i++) {
                    want[i] = mine[i] + input(1)[i] + input(2)[i];
                }
                assertArrayEquals(want, sum);
            }
        }));
    }

    @Test
    void threadWaitingForTheCollectiveWritesItsClearedSends() {
        AtomicReference<Request> tail = new AtomicReference<>();
        withPipelinedReduce(() -> Ranks.run(3, comm -> {
            double[] mine = input(comm.rank());
            double[] sum = new double[COUNT];
            if (comm.rank() == 2) {
                long before = FlowSettings.flow(comm).handedOffSends();
                Request r = comm.ireduce(mine, 0, sum, 0, COUNT, Op.SUM, 0);
                tail.set(r);
                r.await();
                assertTrue(FlowSettings.flow(comm).rendezvousSends() >= SEGMENTS, "every segment went by rendezvous");
                assertEquals(
                        before,
                        FlowSettings.flow(comm).handedOffSends(),
                        "the thread waiting in the reduce wrote every cleared segment itself");
            } else {
                if (comm.rank() == 1) {
                    // Enter only once the tail's thread waits for its reduce (ranks are threads of one JVM).
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (tail.get() == null || ((Completion) tail.get()).waitingThread() == null) {
                        assertTrue(System.nanoTime() < deadline, "rank 2 never waited for its reduce");
                        Thread.yield();
                    }
                }
                comm.ireduce(mine, 0, sum, 0, COUNT, Op.SUM, 0).await();
                if (comm.rank() == 0) {
                    assertEquals(input(0)[COUNT - 1] + input(1)[COUNT - 1] + input(2)[COUNT - 1], sum[COUNT - 1]);
                }
            }
        }));
    }
}
