package dev.jmpi.bench;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Times a {@link BenchCase} exactly as {@code mpibench.c} does, so the numbers compare 1:1:
 * <ol>
 *   <li>Calibration and warm-up: run n = 1, 4, 16, ... iterations until the slowest rank
 *       needs at least {@link #CAL_MIN_S} (or n reaches {@link #MAX_ITERS}); from there on each
 *       warm-up run is as long as a timed repetition, until the warm-up time ({@link #WARMUP_S} as in
 *       the C bench, or {@code --warmup-time}) was spent on the case in total; then iters = n * target / t, clamped
 *       to [1, MAX_ITERS], agreed by an allreduce (MAX; every rank computes the same). With {@code --warmup-jit-quiet-max}, warm-up also
 *       goes on while some rank's JIT is busy (up to that total).</li>
 *   <li>{@code reps} repetitions, each: barrier, t0, iters operations, t1; the repetition's
 *       time is the maximum over ranks (allreduce MAX) divided by iters.</li>
 *   <li>Median, minimum and maximum over the repetitions.</li>
 * </ol>
 * With a fixed {@code --iters} the calibration is skipped (after {@code --warmup} untimed
 * iterations). In addition rank 0 records each operation's own time in an HdrHistogram during
 * the timed repetitions, for p50/p90/p99: one {@link System#nanoTime()} per operation, which
 * adds tens of nanoseconds to a repetition (see bench/RESULTS.md for its measured cost). It
 * also sums the CPU time every rank's JVM used during the timed repetitions (all threads:
 * user, I/O, GC, JIT), per operation: on a loaded machine, where the wait for a core swamps
 * the latency, this still shows what work a change adds. And it sums the JIT compilation time
 * of every rank during the timed repetitions ({@code CompilationMXBean}: elapsed time of each
 * compilation, summed over compiler threads, so it can exceed the wall time): far from zero,
 * the case was measured before the JVMs reached their compiled steady state (at np=4 on 2
 * cores a 5 s warm-up is not always enough: see results-notes.md). And it sums every rank's
 * minor page faults during the timed repetitions, per operation ({@link MinorFaults}; Linux):
 * in steady state a library should not fault at all.
 */
final class Measurement {

    /** Repetitions timed per case ({@code REPS}). */
    static final int REPS_DEFAULT = 11;
    /** Seconds one repetition should last ({@code TARGET}). */
    static final double TARGET_S = 0.04;
    /** Calibration threshold in seconds ({@code CAL_MIN}). */
    static final double CAL_MIN_S = 0.005;
    /** Minimum total warm-up per case in seconds ({@code WARMUP}). */
    static final double WARMUP_S = 0.25;
    /** Upper bound on iterations per repetition ({@code MAX_ITERS}). */
    static final long MAX_ITERS = 100_000;

    /** What one case measured; times in seconds per operation. */
    record Result(
            double median,
            double min,
            double max,
            int reps,
            long iters,
            Histogram perOpNanos,
            double cpuPerOp,
            double jitMillis,
            double faultsPerOp,
            @Nullable Alternation alternation) {}

    /**
     * With {@link Settings#alternateRecording}: the repetitions run with jmpi's recording on
     * (for {@code jmpirun --stats}/{@code --trace}) against those with it paused, seconds per
     * operation. Each pair is one of each, back to back (the order alternates from pair to
     * pair); {@code changes} holds recorded / unrecorded - 1 of each pair, sorted.
     */
    record Alternation(
            double recordedMedian,
            double unrecordedMedian,
            List<Double> changes,
            @Nullable Histogram recordedPerOpNanos) {

        /** The median paired change. */
        double changeMedian() {
            return changes.get(changes.size() / 2);
        }

        /**
         * A distribution-free 95 % confidence interval of the median paired change: the order
         * statistics {@link MedianInterval#ranks95} picks (the whole range below 6 pairs).
         */
        double[] changeInterval95() {
            int[] k = MedianInterval.ranks95(changes.size());
            return new double[] {changes.get(k[0]), changes.get(k[1])};
        }
    }

    /**
     * How to measure. {@code warmupJitQuietMaxS} above 0: after {@code warmupS}, calibration goes on
     * until no rank's JIT compiler threads were busy for more than {@link #JIT_BUSY_SHARE} of any of
     * the last {@link #JIT_QUIET_WINDOWS} windows of {@link #JIT_WINDOW_S}, or that much warm-up in all.
     */
    record Settings(
            int reps,
            double targetS,
            long fixedIters,
            long warmupIters,
            double warmupS,
            double warmupJitQuietMaxS,
            boolean histogram,
            boolean alternateRecording) {}

    /** Share of a window's wall time that one rank's JIT may use and still count as quiet. */
    static final double JIT_BUSY_SHARE = 0.1;
    /** Calibration time over which the JIT's quiet is judged. */
    static final double JIT_WINDOW_S = 1.0;
    /**
     * Windows in a row that must be quiet. With one: at np=2, allreduce of 128 Ki doubles
     * (~2,000 calls/s) passed between two C2 compiles of methods called once per operation
     * ({@code ProgressEngine.await}), which then ran inside the timed repetitions, on a rank
     * bound to one CPU, in about half of the runs (-Xlog:jit+compilation, 2026-12-07).
     */
    static final int JIT_QUIET_WINDOWS = 2;

    private final Communicator world;
    private final Settings settings;
    private final double[] mine = new double[1];
    private final double[] slowest = new double[1];
    /**
     * The agreed iteration count, as a double (exact below 2^53) agreed by the same allreduce
     * (double, MAX) that every repetition ends with: any other collective here would be the only
     * one of its kind, and its type profile made the JIT deoptimize and recompile the shared
     * collective paths that the measured operations had warmed, in the timed repetitions (a
     * {@code long[]} bcast: rank 0's JIT time there for reduce 128 Ki at np=4 1,461 ms, 307 ms
     * with a double bcast; the double bcast still deoptimized {@code Calls.start} as the
     * repetitions of reduce 1 Ki at np=2 began).
     */
    private final double[] itersCell = new double[1];

    private final double[] itersAgreed = new double[1];
    /**
     * Longest single operation the per-operation histogram holds without growing: an
     * auto-resizing histogram that grows inside the timed repetitions (a first stall longer than
     * any before) takes a path its compiled code never saw, and the JIT deoptimizes the timed
     * loop there. Longer operations are recorded as this.
     */
    static final long HISTOGRAM_MAX_NS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
    /**
     * This rank's CPU seconds, JIT compilation milliseconds and minor page faults over the timed
     * repetitions (faults -1 where the system does not count them), and whether it could count
     * them (1 or 0), summed over ranks.
     */
    private final double[] cpu = new double[4];

    private final double[] cpuAllRanks = new double[4];
    private final double[] jitCell = new double[1];
    private final double[] jitMax = new double[1];
    private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    private final java.lang.management.CompilationMXBean jit =
            java.lang.management.ManagementFactory.getCompilationMXBean();

    Measurement(Communicator world, Settings settings) {
        this.world = world;
        this.settings = settings;
    }

    Result measure(BenchCase c) {
        // Warm-up and calibration run the very loop that is timed, recording included: a loop
        // whose recording branch first ran in the timed repetitions was compiled without it, so
        // rank 0's JIT deoptimized and recompiled it there (up to 1.5 s of compilation inside
        // the timed repetitions of reduce 1 Ki at np=2, the JIT line of the 20:14 run).
        Histogram h = settings.histogram() && world.rank() == 0 ? new Histogram(HISTOGRAM_MAX_NS, 3) : null;
        Histogram hRecorded = settings.alternateRecording() && h != null ? new Histogram(HISTOGRAM_MAX_NS, 3) : null;
        if (settings.warmupIters() > 0) {
            timed(c, settings.warmupIters(), h);
        }
        long iters = settings.fixedIters() > 0 ? settings.fixedIters() : calibrate(c, h, hRecorded);
        if (h != null) {
            h.reset();
        }
        if (hRecorded != null) {
            hRecorded.reset();
        }
        boolean alternate = settings.alternateRecording();
        double[] v = new double[settings.reps()];
        double[] recorded = alternate ? new double[settings.reps()] : null;
        long cpu0 = os.getProcessCpuTime();
        long jit0 = jitMillis();
        long faults0 = MinorFaults.count();
        for (int r = 0; r < v.length; r++) {
            if (!alternate) {
                v[r] = timed(c, iters, h) / iters;
                continue;
            }
            // One pair: recorded then unrecorded in even pairs, the other way round in odd
            // ones, so that a drift over the run (JIT, load) falls on both sides alike.
            for (int half = 0; half < 2; half++) {
                boolean record = (half == 0) == (r % 2 == 0);
                Jmpi.pcontrol(record ? 1 : 0);
                double t = timed(c, iters, record ? hRecorded : h) / iters;
                if (record) {
                    recorded[r] = t;
                } else {
                    v[r] = t;
                }
            }
        }
        if (alternate) {
            Jmpi.pcontrol(1);
        }
        long faults1 = MinorFaults.count();
        cpu[0] = (os.getProcessCpuTime() - cpu0) / 1e9;
        cpu[1] = jit0 < 0 ? -1 : jitMillis() - jit0;
        cpu[2] = faults0 < 0 || faults1 < 0 ? 0 : faults1 - faults0;
        cpu[3] = faults0 < 0 || faults1 < 0 ? 0 : 1;
        world.allreduce(cpu, 0, cpuAllRanks, 0, 4, Op.SUM);
        Alternation alternation = alternate ? alternation(recorded, v, hRecorded) : null;
        Arrays.sort(v);
        return new Result(
                v[v.length / 2],
                v[0],
                v[v.length - 1],
                v.length,
                iters,
                h,
                cpuAllRanks[0] / ((double) iters * v.length),
                cpuAllRanks[1],
                cpuAllRanks[3] < world.size() ? -1 : cpuAllRanks[2] / ((double) iters * v.length),
                alternation);
    }

    /** Pairs {@code recorded[i]} with {@code unrecorded[i]} (seconds per operation) before either is sorted. */
    private static Alternation alternation(double[] recorded, double[] unrecorded, @Nullable Histogram h) {
        List<Double> changes = new ArrayList<>(recorded.length);
        for (int i = 0; i < recorded.length; i++) {
            changes.add(recorded[i] / unrecorded[i] - 1);
        }
        Collections.sort(changes);
        return new Alternation(median(recorded), median(unrecorded), List.copyOf(changes), h);
    }

    /** The median (upper middle for an even count) of a copy of {@code xs}. */
    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /**
     * Whether any rank's JIT compiled for more than {@link #JIT_BUSY_SHARE} of {@code runS}
     * since {@code jit0}; collective (every rank gets the same answer).
     */
    private boolean jitBusy(long jit0, double runS) {
        jitCell[0] = jit0 < 0 ? 0 : jitBusyMillis() - jit0;
        world.allreduce(jitCell, 0, jitMax, 0, 1, Op.MAX);
        return jitMax[0] > JIT_BUSY_SHARE * runS * 1e3;
    }

    /**
     * The JIT's activity so far for the warm-up's quiet check, in milliseconds: its compiler
     * threads' CPU time ({@link CompilerCpu}: a compilation counts while it runs), else the
     * {@code CompilationMXBean}'s time (a compilation counts when it ends, so a long one in
     * progress looks quiet), else -1.
     */
    private long jitBusyMillis() {
        long cpu = CompilerCpu.millis();
        return cpu >= 0 ? cpu : jitMillis();
    }

    /** Milliseconds this JVM's JIT compilers have spent so far, or -1 if the JVM does not tell. */
    private long jitMillis() {
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    private long calibrate(BenchCase c, @Nullable Histogram perOp, @Nullable Histogram perOpRecorded) {
        long n = 1;
        double t;
        double total = 0;
        boolean watchJit = settings.warmupJitQuietMaxS() > 0;
        int quietWindows = 0;
        boolean jitQuiet = !watchJit;
        long windowJit0 = jitBusyMillis();
        double windowS = 0;
        boolean record = false;
        for (; ; ) {
            if (settings.alternateRecording()) {
                // Both the recorded and the paused path get warm before the repetitions.
                record = !record;
                Jmpi.pcontrol(record ? 1 : 0);
            }
            t = timed(c, n, record ? perOpRecorded : perOp);
            total += t;
            windowS += t;
            // Windows of a second: CPU time comes in 10 ms ticks, and where only the MXBean tells,
            // a compilation's time counts when it ends.
            if (watchJit && windowS >= JIT_WINDOW_S) {
                quietWindows = jitBusy(windowJit0, windowS) ? 0 : quietWindows + 1;
                jitQuiet = quietWindows >= JIT_QUIET_WINDOWS;
                windowJit0 = jitBusyMillis();
                windowS = 0;
            }
            boolean warm = total >= settings.warmupS() && (jitQuiet || total >= settings.warmupJitQuietMaxS());
            if (warm && (t >= CAL_MIN_S || n >= MAX_ITERS)) {
                break;
            }
            if (t < CAL_MIN_S) {
                n = Math.min(MAX_ITERS, n * 4);
            } else {
                // Warm up with runs as long as a timed repetition: a run of a few milliseconds
                // never outruns the receiver's eager credit (16 MiB per peer at np=2), so a
                // one-way collective first fell back to rendezvous inside the timed repetitions
                // and the JIT recompiled the paths it had never seen there (JFR: deoptimizations
                // at Credits.tryTake and FlowControl.inbound; 1.1 s of JIT in 0.7 s of reduce).
                n = Math.max(n, Math.min(MAX_ITERS, (long) (n * settings.targetS() / t)));
            }
        }
        long iters = (long) (n * settings.targetS() / t);
        iters = Math.max(1, Math.min(MAX_ITERS, iters));
        itersCell[0] = iters;
        world.allreduce(itersCell, 0, itersAgreed, 0, 1, Op.MAX);
        return (long) itersAgreed[0];
    }

    /** Barrier, then {@code iters} operations; returns the slowest rank's seconds. */
    private double timed(BenchCase c, long iters, @Nullable Histogram perOp) {
        world.barrier();
        long t0 = System.nanoTime();
        if (perOp == null) {
            for (long i = 0; i < iters; i++) {
                c.runOnce();
            }
        } else {
            long prev = t0;
            for (long i = 0; i < iters; i++) {
                c.runOnce();
                long now = System.nanoTime();
                perOp.recordValue(Math.min(now - prev, HISTOGRAM_MAX_NS));
                prev = now;
            }
        }
        mine[0] = (System.nanoTime() - t0) / 1e9;
        world.allreduce(mine, 0, slowest, 0, 1, Op.MAX);
        return slowest[0];
    }
}
