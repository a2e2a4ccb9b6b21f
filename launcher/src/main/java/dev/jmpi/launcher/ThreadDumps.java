package dev.jmpi.launcher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code --thread-dump}: sends each hung rank SIGQUIT (locally with {@code kill}, remotely
 * over ssh), so the JVM prints every thread's stack to its stdout, which is forwarded like
 * any output. A HotSpot dump ends with a {@code JNI global refs} line; jmpirun waits for
 * that line from each rank (bounded) before it stops them.
 */
final class ThreadDumps {

    private static final String DUMP_END_PREFIX = "JNI global refs";
    private static final long WAIT_MS = 10_000;

    private final Map<Integer, CountDownLatch> pending = new ConcurrentHashMap<>();

    /** Called with every stdout line of every rank. */
    void onStdoutLine(int rank, String line) {
        if (!pending.isEmpty() && line.startsWith(DUMP_END_PREFIX)) {
            CountDownLatch latch = pending.get(rank);
            if (latch != null) {
                latch.countDown();
            }
        }
    }

    /** Requests a dump from every rank in {@code ranks} and waits until each has printed it. */
    void collect(List<RankProcess> ranks, Log log) throws InterruptedException {
        for (RankProcess rank : ranks) {
            pending.put(rank.rank(), new CountDownLatch(1));
            rank.requestThreadDump();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        for (RankProcess rank : ranks) {
            long left = deadline - System.nanoTime();
            if (!pending.get(rank.rank()).await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                log.warn("no complete thread dump from " + rank.describe() + " within " + WAIT_MS + " ms");
            }
        }
        pending.clear();
    }
}
