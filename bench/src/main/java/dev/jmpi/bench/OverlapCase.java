package dev.jmpi.bench;

import dev.jmpi.Communicator;
import dev.jmpi.Op;
import dev.jmpi.Request;
import java.util.Arrays;
import java.util.Locale;

/**
 * Communication that overlaps computation: one operation starts an {@code iallreduce} of
 * {@code count} doubles, computes for about as long as a blocking allreduce of that size
 * takes, then waits. While the rank computes, no user thread drives the I/O: the progress
 * daemon runs the allreduce's rounds. With full overlap the operation takes the longer of the
 * two; with none, their sum. The case calibrates both times when it is made and rank 0
 * prints them ({@code # OVERLAP count=… allreduce_us=… compute_us=…}); the {@code RES} line
 * is the overlapped total, so {@code RES / max(allreduce_us, compute_us)} is the overlap
 * ratio (1.0 = perfect, 2.0 = none when the two are equal).
 */
final class OverlapCase implements BenchCase {

    private static final int CALIBRATION_RUNS = 7;
    private static final int WARMUP_BATCH = 5;

    private final Communicator world;
    private final int count;
    private final double[] send;
    private final double[] recv;
    private final long computeIters;
    private double sink;

    OverlapCase(Communicator world, int count, double warmupS) {
        this.world = world;
        this.count = count;
        this.send = new double[count];
        this.recv = new double[count];
        Arrays.fill(send, 1.0);
        warmUp(warmupS);
        long allreduceNs = agreedMedian(() -> world.allreduce(send, 0, recv, 0, count, Op.SUM));
        long probe = 1 << 20;
        long probeNs = agreedMedian(() -> compute(probe));
        this.computeIters = Math.max(1, probe * allreduceNs / Math.max(1, probeNs));
        long computeNs = agreedMedian(() -> compute(computeIters));
        if (world.rank() == 0) {
            System.out.println(String.format(
                    Locale.ROOT,
                    "# OVERLAP count=%d allreduce_us=%.1f compute_us=%.1f",
                    count,
                    allreduceNs / 1e3,
                    computeNs / 1e3));
        }
    }

    /**
     * Blocking and non-blocking allreduces, then the computation, for about {@code seconds}
     * (the slowest rank's clock decides, every {@link #WARMUP_BATCH} allreduces), so that the
     * calibration below times the JIT-compiled allreduce: the first ones of 8 MiB took ~44 ms
     * here against ~6 ms warm, and the computation was sized to the cold ones.
     */
    private void warmUp(double seconds) {
        long t0 = System.nanoTime();
        double[] elapsed = new double[1];
        double[] slowest = new double[1];
        while (true) {
            elapsed[0] = (System.nanoTime() - t0) / 1e9;
            world.allreduce(elapsed, 0, slowest, 0, 1, Op.MAX);
            if (slowest[0] >= seconds) {
                return;
            }
            for (int i = 0; i < WARMUP_BATCH; i++) {
                world.allreduce(send, 0, recv, 0, count, Op.SUM);
                world.iallreduce(send, 0, recv, 0, count, Op.SUM).await();
            }
            compute(1 << 16);
        }
    }

    /** The median of a few timed runs of {@code body}, the largest over the ranks. */
    private long agreedMedian(Runnable body) {
        long[] times = new long[CALIBRATION_RUNS];
        for (int i = 0; i < CALIBRATION_RUNS; i++) {
            world.barrier();
            long t0 = System.nanoTime();
            body.run();
            times[i] = System.nanoTime() - t0;
        }
        Arrays.sort(times);
        long[] mine = {times[CALIBRATION_RUNS / 2]};
        long[] max = new long[1];
        world.allreduce(mine, 0, max, 0, 1, Op.MAX);
        return max[0];
    }

    /** Floating-point work on registers only, so it competes with the transfer for the core, not memory. */
    private void compute(long iters) {
        double x = sink + 1.0;
        for (long i = 0; i < iters; i++) {
            x = x * 1.000000001 + 1e-9;
        }
        sink = x;
    }

    @Override
    public String test() {
        return "overlap";
    }

    @Override
    public long param() {
        return count;
    }

    @Override
    public int unitsPerOp() {
        return 1;
    }

    @Override
    public long bytesPerUnit() {
        return 0;
    }

    @Override
    public void prepareVerify() {
        Arrays.fill(send, world.rank() + 1.0);
        Arrays.fill(recv, 0);
    }

    @Override
    public void runOnce() {
        Request r = world.iallreduce(send, 0, recv, 0, count, Op.SUM);
        compute(computeIters);
        r.await();
    }

    @Override
    public String check() {
        double want = world.size() * (world.size() + 1) / 2.0;
        for (int i = 0; i < count; i++) {
            if (recv[i] != want) {
                return "rank " + world.rank() + " overlap: element " + i + " is " + recv[i] + " (expected: " + want
                        + ")";
            }
        }
        return null;
    }
}
