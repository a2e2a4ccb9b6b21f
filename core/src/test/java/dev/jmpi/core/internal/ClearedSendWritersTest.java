package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A window of rendezvous {@code isend}s awaited in order: the thread waiting on the first
 * writes the data of the others as they are cleared, instead of handing them to the sender
 * thread (two threads on one bound CPU); and a send cleared with nobody waiting still goes.
 */
@Timeout(120)
class ClearedSendWritersTest {

    private static final int WINDOW = 8;
    private static final int COUNT = 16 * 1024;

    private static byte[] message(int w) {
        byte[] a = new byte[COUNT];
        for (int i = 0; i < COUNT; i++) {
            a[i] = (byte) (w * 31 + i);
        }
        return a;
    }

    @Test
    void threadAwaitingTheFirstSendOfAWindowWritesTheOthers() {
        AtomicReference<Request> first = new AtomicReference<>();
        FlowSettings.with(
                0,
                0,
                () -> Ranks.run(
                        2,
                        comm -> { // no credit: every message by rendezvous
                            if (comm.rank() == 0) {
                                long before = FlowSettings.flow(comm).handedOffSends();
                                Request[] reqs = new Request[WINDOW];
                                for (int w = 0; w < WINDOW; w++) {
                                    reqs[w] = comm.isend(message(w), 0, COUNT, 1, 5);
                                }
                                first.set(reqs[0]);
                                Request.awaitAll(reqs);
                                assertEquals(
                                        WINDOW,
                                        FlowSettings.flow(comm).rendezvousSends(),
                                        "every send went by rendezvous");
                                assertEquals(
                                        before,
                                        FlowSettings.flow(comm).handedOffSends(),
                                        "the thread awaiting the window wrote every cleared send itself");
                            } else {
                                // Post the receives only once rank 0 waits on its first send (ranks are threads of one
                                // JVM).
                                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                                while (first.get() == null || ((Completion) first.get()).waitingThread() == null) {
                                    assertTrue(System.nanoTime() < deadline, "rank 0 never waited for its first send");
                                    Thread.yield();
                                }
                                byte[][] got = new byte[WINDOW][COUNT];
                                Request[] reqs = new Request[WINDOW];
                                for (int w = 0; w < WINDOW; w++) {
                                    reqs[w] = comm.irecv(got[w], 0, COUNT, 0, 5);
                                }
                                Request.awaitAll(reqs);
                                for (int w = 0; w < WINDOW; w++) {
                                    assertEquals(
                                            java.util.Arrays.toString(message(w)), java.util.Arrays.toString(got[w]));
                                }
                            }
                        }));
    }

    @Test
    void sendClearedWhileNobodyWaitsIsWrittenByTheSenderThread() {
        FlowSettings.with(
                0,
                0,
                () -> Ranks.run(2, comm -> {
                    if (comm.rank() == 0) {
                        Request r = comm.isend(message(1), 0, COUNT, 1, 6);
                        comm.recv(new int[1], 1, 7); // rank 1 has matched: the clear-to-send is on its way
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (!r.test()) {
                            assertTrue(System.nanoTime() < deadline, "the cleared send was never written");
                            Thread.yield();
                        }
                        assertNull(((Completion) r).failure());
                    } else {
                        byte[] got = new byte[COUNT];
                        Request r = comm.irecv(got, 0, COUNT, 0, 6);
                        comm.send(new int[1], 0, 7);
                        r.await();
                        assertEquals(java.util.Arrays.toString(message(1)), java.util.Arrays.toString(got));
                    }
                }));
    }
}
