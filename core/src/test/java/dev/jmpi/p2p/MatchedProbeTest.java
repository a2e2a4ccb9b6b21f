package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Message;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.TruncationException;
import dev.jmpi.testing.Ranks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MatchedProbeTest {

    private static final int MESSAGES = 600;
    private static final int THREADS = 4;

    /** Message k: {@code lengthOf(k)} ints, every one k. Lengths differ between neighbours. */
    private static int lengthOf(int k) {
        return 1 + (k * 37) % 97;
    }

    @Test
    void concurrentThreadsEachTakeADifferentMessageAndReceiveExactlyIt() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                for (int k = 0; k < MESSAGES; k++) {
                    int[] m = new int[lengthOf(k)];
                    Arrays.fill(m, k);
                    comm.send(m, 1, 3);
                }
                return;
            }
            BitSet seen = new BitSet();
            runOnThreads(() -> {
                // Probe, size the buffer from the probe, receive that message: with probe + recv
                // another thread could take the probed message in between.
                Message m = comm.mprobe(0, 3);
                int[] buf = new int[m.status().count()];
                Status s = comm.mrecv(buf, 0, buf.length, m);
                int k = buf[0];
                assertEquals(lengthOf(k), buf.length, "message " + k + " length");
                assertEquals(buf.length, s.count());
                for (int v : buf) {
                    assertEquals(k, v);
                }
                synchronized (seen) {
                    assertFalse(seen.get(k), "message " + k + " received twice");
                    seen.set(k);
                }
            });
            assertEquals(MESSAGES, seen.cardinality());
        });
    }

    @Test
    void recvObjectWithStatusFromManyThreadsReceivesEveryObjectOnce() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                for (int k = 0; k < MESSAGES; k++) {
                    comm.sendObject(k + ":" + "x".repeat(lengthOf(k) * 13), 1, 4);
                }
                return;
            }
            BitSet seen = new BitSet();
            runOnThreads(() -> {
                Communicator.Received<String> r = comm.recvObjectWithStatus(0, 4);
                int k = Integer.parseInt(r.value().substring(0, r.value().indexOf(':')));
                assertEquals(k + ":" + "x".repeat(lengthOf(k) * 13), r.value());
                assertEquals(0, r.status().source());
                assertEquals(4, r.status().tag());
                synchronized (seen) {
                    assertFalse(seen.get(k), "object " + k + " received twice");
                    seen.set(k);
                }
            });
            assertEquals(MESSAGES, seen.cardinality());
        });
    }

    @Test
    void aMatchedMessageLeavesMatchingSoTheNextReceiveGetsTheNextMessage() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new int[] {1}, 1, 5);
                comm.send(new int[] {2, 2}, 1, 5);
                return;
            }
            Message first = comm.mprobe(0, 5);
            assertEquals(1, first.status().count());
            Status next = comm.probe(0, 5);
            assertEquals(2, next.count(), "a probe after mprobe sees the second message");
            int[] second = new int[2];
            comm.recv(second, 0, 5);
            assertArrayEquals(new int[] {2, 2}, second);
            int[] one = new int[1];
            assertFalse(first.isReceived());
            comm.mrecv(one, 0, 1, first);
            assertArrayEquals(new int[] {1}, one);
            assertTrue(first.isReceived());
        });
    }

    @Test
    void improbeIsEmptyBeforeTheSendAndTakesTheMessageAfter() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.barrier();
                comm.send(new double[] {2.5}, 1, 6);
                return;
            }
            assertEquals(Optional.empty(), comm.improbe(0, 6));
            comm.barrier();
            Optional<Message> m = Optional.empty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (m.isEmpty() && System.nanoTime() < deadline) {
                m = comm.improbe(Communicator.ANY_SOURCE, Communicator.ANY_TAG);
            }
            assertTrue(m.isPresent(), "improbe found no message within 60 s");
            assertEquals(6, m.get().status().tag());
            assertFalse(comm.iprobe(0, 6).isPresent(), "the matched message is no longer visible to probes");
            double[] d = new double[1];
            Request r = comm.imrecv(d, 0, 1, m.get());
            assertEquals(1, r.await().count());
            assertEquals(2.5, d[0]);
        });
    }

    @Test
    void aMessageAboveTheEagerLimitIsReceivedThroughMatchedProbe() {
        int n = 1 << 19; // 2 MiB of ints: above the default 1 MiB eager limit, so by rendezvous
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                int[] big = new int[n];
                for (int i = 0; i < n; i++) {
                    big[i] = i * 3;
                }
                comm.send(big, 1, 7);
                return;
            }
            Message m = comm.mprobe(0, 7);
            assertEquals(n, m.status().count());
            int[] got = new int[m.status().count()];
            comm.imrecv(got, 0, got.length, m).await();
            for (int i = 0; i < n; i++) {
                if (got[i] != i * 3) {
                    assertEquals(i * 3, got[i], "element " + i);
                }
            }
        });
    }

    @Test
    void aMatchedMessageIsReceivedOnceAndOnlyOnTheCommunicatorThatMatchedIt() {
        Ranks.run(2, comm -> {
            Communicator dup = comm.dup();
            if (comm.rank() == 0) {
                comm.send(new byte[] {1, 2, 3}, 1, 8);
            } else {
                Message m = comm.mprobe(0, 8);
                byte[] b = new byte[3];
                InvalidArgumentException elsewhere =
                        assertThrows(InvalidArgumentException.class, () -> dup.mrecv(b, 0, 3, m));
                assertTrue(
                        elsewhere
                                .getMessage()
                                .contains("expected: a Message from mprobe or improbe on this" + " communicator"),
                        elsewhere.getMessage());
                comm.mrecv(b, 0, 3, m);
                assertArrayEquals(new byte[] {1, 2, 3}, b);
                InvalidArgumentException twice =
                        assertThrows(InvalidArgumentException.class, () -> comm.mrecv(b, 0, 3, m));
                assertTrue(twice.getMessage().contains("was received already"), twice.getMessage());
            }
            dup.close();
        });
    }

    @Test
    void aTooSmallBufferFailsTheMatchedReceiveWithTruncationAndConsumesTheMessage() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(new long[] {1, 2, 3}, 1, 9);
                comm.send(new long[] {4}, 1, 9);
                return;
            }
            Message m = comm.mprobe(0, 9);
            assertThrows(TruncationException.class, () -> comm.mrecv(new long[2], 0, 2, m));
            long[] next = new long[1];
            comm.recv(next, 0, 9);
            assertEquals(4, next[0]);
        });
    }

    @Test
    void matchedProbeOfProcNullMatchesAtOnce() {
        Ranks.run(1, comm -> {
            Message m = comm.mprobe(Communicator.PROC_NULL, 0);
            assertEquals(Status.procNull(), m.status());
            assertEquals(Status.procNull(), comm.mrecv(new int[1], 0, 1, m));
            assertTrue(comm.improbe(Communicator.PROC_NULL, 0).isPresent());
            Object none = comm.mrecvObject(comm.mprobe(Communicator.PROC_NULL, 0));
            assertEquals(null, none);
        });
    }

    @Test
    void mrecvObjectDecodesTheMatchedObject() {
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                comm.sendObject(List.of("a", 1), 1, 10);
                return;
            }
            Message m = comm.mprobe(0, Communicator.ANY_TAG);
            assertEquals(10, m.status().tag());
            List<Object> got = comm.mrecvObject(m);
            assertEquals(List.of("a", 1), got);
        });
    }

    /** Runs {@code body} MESSAGES times in all, split over THREADS threads; rethrows the first failure. */
    private static void runOnThreads(ThrowingRunnable body) throws Exception {
        AtomicInteger claimed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                done.add(pool.submit(() -> {
                    while (claimed.getAndIncrement() < MESSAGES) {
                        body.run();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(100, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
