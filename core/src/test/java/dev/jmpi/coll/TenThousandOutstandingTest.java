package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.ObjectRequest;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Outstanding non-blocking operations cost no threads: 4 ranks (threads of this JVM over
 * loopback sockets) each keep 10,000 operations outstanding at once, a mix of object
 * point-to-point ({@code isendObject} / {@code irecvObject}), {@code iallreduce},
 * {@code ibarrier} and {@code ibcast}, while the JVM's thread count stays where it was
 * before the first was posted; then every result is checked. A design that runs a
 * non-blocking operation on a thread of its own starts thousands of threads here (and
 * under load its ranks starve the mesh and declare each other dead).
 */
@Timeout(300)
class TenThousandOutstandingTest {

    private static final int RANKS = 4;
    private static final int OPERATIONS = 10_000;
    /** Threads that may appear for reasons of their own (JIT, GC, the test harness). */
    private static final int THREAD_SLACK = 8;

    @Test
    void tenThousandOutstandingOperationsPerRankStartNoThreadsAndAllComplete() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int[] before = new int[1];
        int[] peak = new int[1];
        Ranks.builder().timeout(Duration.ofSeconds(240)).run(RANKS, comm -> {
            comm.barrier();
            if (comm.rank() == 0) {
                before[0] = threads.getThreadCount();
            }
            comm.barrier();
            Outstanding ops = post(comm);
            // Every rank has posted all of its operations before any is waited for.
            comm.barrier();
            int now = threads.getThreadCount();
            synchronized (peak) {
                peak[0] = Math.max(peak[0], now);
            }
            ops.awaitAndCheck(comm);
            synchronized (peak) {
                peak[0] = Math.max(peak[0], threads.getThreadCount());
            }
        });
        assertTrue(
                peak[0] <= before[0] + THREAD_SLACK,
                "threads grew from " + before[0] + " to " + peak[0] + " while " + RANKS + " x " + OPERATIONS
                        + " operations were outstanding");
    }

    /** What one rank posted and the results it expects. */
    private static final class Outstanding {
        final List<Request> requests = new ArrayList<>();
        final List<ObjectRequest<String>> objects = new ArrayList<>();
        final List<long[]> sums = new ArrayList<>();
        final List<int[]> bcasts = new ArrayList<>();

        void awaitAndCheck(Communicator comm) {
            int n = comm.size();
            int me = comm.rank();
            int left = (me - 1 + n) % n;
            Request.awaitAll(requests.toArray(new Request[0]));
            for (int k = 0; k < objects.size(); k++) {
                assertEquals("from " + left + " #" + k, objects.get(k).get());
            }
            for (int k = 0; k < sums.size(); k++) {
                long expected = (long) n * (n - 1) / 2 + (long) n * k;
                assertEquals(expected, sums.get(k)[0], "iallreduce #" + k);
            }
            for (int k = 0; k < bcasts.size(); k++) {
                int root = k % n;
                assertArrayEquals(new int[] {root, k, -k}, bcasts.get(k), "ibcast #" + k);
            }
        }
    }

    private static Outstanding post(Communicator comm) {
        int n = comm.size();
        int me = comm.rank();
        int right = (me + 1) % n;
        int left = (me - 1 + n) % n;
        Outstanding o = new Outstanding();
        int posted = 0;
        for (int i = 0; posted < OPERATIONS; i++) {
            switch (i % 4) {
                case 0 -> {
                    int k = o.objects.size();
                    o.objects.add(comm.irecvObject(left, k));
                    o.requests.add(comm.isendObject("from " + me + " #" + k, right, k));
                    posted += 2;
                }
                case 1 -> {
                    int k = o.sums.size();
                    long[] sum = new long[1];
                    o.sums.add(sum);
                    o.requests.add(comm.iallreduce(new long[] {me + k}, 0, sum, 0, 1, Op.SUM));
                    posted++;
                }
                case 2 -> {
                    o.requests.add(comm.ibarrier());
                    posted++;
                }
                default -> {
                    int k = o.bcasts.size();
                    int root = k % n;
                    int[] buf = me == root ? new int[] {root, k, -k} : new int[3];
                    o.bcasts.add(buf);
                    o.requests.add(comm.ibcast(buf, 0, 3, root));
                    posted++;
                }
            }
        }
        return o;
    }
}
