package dev.jmpi.testing;

import dev.jmpi.Communicator;
import dev.jmpi.core.internal.InProcessJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** One {@link Ranks} run: a thread per rank, first failure wins, bounded by a timeout. */
final class RankThreads<T> {

    private final int n;
    private final Ranks.Wiring wiring;
    private final Duration timeout;
    private final java.util.Map<String, String> settings;

    RankThreads(int n, Ranks.Wiring wiring, Duration timeout, java.util.Map<String, String> settings) {
        if (n < 1) {
            throw new IllegalArgumentException("n=" + n + " (expected: >= 1)");
        }
        this.n = n;
        this.wiring = wiring;
        this.timeout = timeout;
        this.settings = java.util.Map.copyOf(settings);
    }

    List<T> run(Ranks.RankFunction<T> fn) {
        InProcessJob job = InProcessJob.start(n, wiring == Ranks.Wiring.LOOPBACK, timeout, settings);
        AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(n);
        AtomicReferenceArray<Throwable> failures = new AtomicReferenceArray<>(n);
        long[] failedAt = new long[n];
        CountDownLatch done = new CountDownLatch(n);
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            int rank = r;
            Thread t = new Thread(
                    () -> {
                        Communicator comm = null;
                        try {
                            comm = job.communicator(rank);
                            results.set(rank, fn.apply(comm));
                            comm.close();
                        } catch (Throwable e) {
                            failedAt[rank] = System.nanoTime();
                            failures.set(rank, e);
                            job.abortAfterFailure(rank, e);
                        } finally {
                            done.countDown();
                        }
                    },
                    "jmpi-rank-" + r);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        boolean finished;
        try {
            finished = done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            String pending = job.pendingReport();
            job.close();
            throw new RanksFailedError("ranks did not finish within " + timeout + "; blocked:\n" + pending, -1, null);
        }
        job.close();
        return collect(results, failures, failedAt);
    }

    @SuppressWarnings("unchecked")
    private List<T> collect(
            AtomicReferenceArray<Object> results, AtomicReferenceArray<Throwable> failures, long[] failedAt) {
        int first = -1;
        for (int r = 0; r < n; r++) {
            if (failures.get(r) != null && (first < 0 || failedAt[r] < failedAt[first])) {
                first = r;
            }
        }
        if (first >= 0) {
            Throwable cause = failures.get(first);
            RanksFailedError e =
                    new RanksFailedError("rank " + first + " of " + n + " failed first: " + cause, first, cause);
            for (int r = 0; r < n; r++) {
                if (r != first && failures.get(r) != null) {
                    e.addSuppressed(failures.get(r));
                }
            }
            throw e;
        }
        Object[] out = new Object[n];
        for (int r = 0; r < n; r++) {
            out[r] = results.get(r);
        }
        return (List<T>) Arrays.asList(out);
    }
}
