package dev.jmpi.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Request;
import dev.jmpi.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random message pattern every rank can compute from the seed alone: who sends how many
 * messages of which sizes and tags to whom. Receivers use wildcards and several threads,
 * then check that every message arrived exactly once and that messages from one sender
 * with one tag arrived in the order sent (MPI's non-overtaking rule).
 */
public final class RandomTraffic {

    private RandomTraffic() {}

    /** Message i from {@code src} to {@code dst}: its tag and length, derived from the seed. */
    record Plan(int[][] counts, long seed) {
        int tag(int src, int dst, int i) {
            return (int) (Math.floorMod(mix(src, dst, i, 1), 4L));
        }

        int length(int src, int dst, int i) {
            long m = Math.floorMod(mix(src, dst, i, 2), 100L);
            return m < 70 ? (int) (m % 8) : m < 95 ? (int) (m * 37) : 70_000 + (int) m;
        }

        private long mix(int src, int dst, int i, int salt) {
            long h =
                    seed ^ (src * 0x9E3779B97F4A7C15L) ^ (dst * 0xC2B2AE3D27D4EB4FL) ^ (i * 0x165667B19E3779F9L) ^ salt;
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return h;
        }
    }

    static Plan plan(int size, long seed) {
        Random r = new Random(seed);
        int[][] counts = new int[size][size];
        for (int s = 0; s < size; s++) {
            for (int d = 0; d < size; d++) {
                counts[s][d] = r.nextInt(12);
            }
        }
        return new Plan(counts, seed);
    }

    /** Runs the pattern on {@code comm} with {@code receiverThreads} receiving threads; throws on any violation. */
    public static void run(Communicator comm, long seed, int receiverThreads) throws Exception {
        int size = comm.size();
        int me = comm.rank();
        Plan plan = plan(size, seed);
        int expected = 0;
        for (int s = 0; s < size; s++) {
            expected += plan.counts[s][me];
        }
        List<long[]> received = java.util.Collections.synchronizedList(new ArrayList<>());
        int total = expected;
        java.util.concurrent.atomic.AtomicInteger claimed = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure =
                new java.util.concurrent.atomic.AtomicReference<>();
        Object orderLock = new Object();
        for (int t = 0; t < receiverThreads; t++) {
            Thread th = new Thread(() -> {
                try {
                    while (claimed.getAndIncrement() < total) {
                        // One receive at a time per thread, under a lock so that receives complete
                        // in the order they were posted and the sequence numbers can be checked.
                        synchronized (orderLock) {
                            Status probe = comm.probe(Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                            long[] buf = new long[probe.count()];
                            Status s = comm.recv(buf, 0, buf.length, probe.source(), probe.tag());
                            assertEquals(probe.count(), s.count());
                            long header = buf.length > 0 ? buf[0] : -1;
                            received.add(new long[] {s.source(), s.tag(), s.count(), header});
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            threads.add(th);
            th.start();
        }
        List<Request> sends = new ArrayList<>();
        for (int d = 0; d < size; d++) {
            for (int i = 0; i < plan.counts[me][d]; i++) {
                int len = Math.max(1, plan.length(me, d, i));
                long[] msg = new long[len];
                msg[0] = i;
                for (int k = 1; k < len; k++) {
                    msg[k] = k ^ i;
                }
                sends.add(comm.isend(msg, 0, len, d, plan.tag(me, d, i)));
            }
        }
        Request.awaitAll(sends.toArray(new Request[0]));
        for (Thread th : threads) {
            th.join(120_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("rank " + me + " receiver failed", failure.get());
        }
        assertEquals(expected, received.size(), "rank " + me + " message count");
        int[] nextFrom = new int[size];
        for (long[] m : received) {
            int src = (int) m[0];
            int i = (int) m[3];
            assertTrue(
                    i >= nextFrom[src],
                    "rank " + me + ": message " + i + " from " + src + " arrived after message " + (nextFrom[src] - 1)
                            + " (overtaken or duplicated)");
            assertEquals(plan.tag(src, me, i), (int) m[1]);
            assertEquals(Math.max(1, plan.length(src, me, i)), (int) m[2]);
            nextFrom[src] = i + 1;
        }
        for (int s = 0; s < size; s++) {
            assertEquals(plan.counts[s][me], nextFrom[s], "rank " + me + ": messages from " + s);
        }
    }
}
