package dev.jmpi.core.observe;

import dev.jmpi.OperationStatistics;
import dev.jmpi.Statistics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a rank's jmpi calls: per-operation statistics, trace spans, JFR events, as
 * {@link ObserveConfig} asks. {@link #OFF} records nothing: callers test {@link #on()} (a
 * final field) and skip the rest, so a rank without observation pays one branch per call.
 *
 * <p>A call costs one {@link System#nanoTime()} at its start ({@link #start}) and one at its
 * end ({@link #end}), which goes into the completing thread's {@link Lane}: primitive arrays
 * indexed by the call's {@link Names key}, no lock, no heap allocation (a lane's arrays grow
 * rarely; its span chunk, a direct buffer outside the heap, holds 4096 calls and is written to
 * the lane's {@link SpanSpool} file when full). Names, JSON and tables are made only when
 * {@link #snapshot} or {@link #statistics} reads the lanes; {@link #close} then drops the
 * spool files.
 *
 * <p>Threads: {@link #start} and {@link #end} run on any thread; each thread writes only its
 * own lane. The clock offset is set once at init.
 */
public final class Recorder {

    private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);

    /** Records nothing. */
    public static final Recorder OFF = new Recorder(-1, ObserveConfig.NONE, 0, temporaryDirectory());

    /** Most collective calls kept per rank and thread for the imbalance (5 longs each). */
    static final int MAX_COLLECTIVES = 1 << 18;

    private static final long COLLECTIVE_FLAG = 1;
    private static final long FAILED_FLAG = 2;

    private final int rank;
    private final boolean on;
    private final boolean stats;
    private final boolean trace;
    private final boolean jfr;
    private final ObserveConfig config;
    private final Path spoolDirectory;
    private final long baseNanos;
    private final long baseEpochNanos;
    private final ThreadLocal<Lane> lane = ThreadLocal.withInitial(this::newLane);
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    /** Span chunks still to grant (each {@link Lane#CHUNK_SPANS} spans). */
    private final AtomicLong chunksLeft;

    /** {@code Jmpi.pcontrol(0)}: calls that start now are not recorded, until level 1 again. */
    private volatile boolean paused;

    private volatile boolean chunksExhausted;
    private volatile boolean spoolFailureLogged;
    private volatile long clockOffsetNanos;
    private volatile long clockRttNanos = -1;

    /** A recorder for world rank {@code rank}. */
    public Recorder(int rank, ObserveConfig config) {
        this(rank, config, config.traceMaxSpans(), temporaryDirectory());
    }

    /** A recorder whose lanes spool their spans into {@code spoolDirectory}. */
    Recorder(int rank, ObserveConfig config, Path spoolDirectory) {
        this(rank, config, config.traceMaxSpans(), spoolDirectory);
    }

    private Recorder(int rank, ObserveConfig config, int maxSpans, Path spoolDirectory) {
        this.spoolDirectory = spoolDirectory;
        this.rank = rank;
        this.config = config;
        this.stats = config.stats();
        this.trace = config.trace() != null;
        this.jfr = config.jfr();
        this.on = stats || trace || jfr;
        this.chunksLeft = new AtomicLong((maxSpans + (long) Lane.CHUNK_SPANS - 1) / Lane.CHUNK_SPANS);
        this.baseNanos = System.nanoTime();
        Instant now = Instant.now();
        this.baseEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private Lane newLane() {
        Lane l = new Lane(Thread.currentThread());
        lanes.add(l);
        return l;
    }

    /**
     * Whether a call that starts now is recorded: callers skip {@link #start} when not. False
     * without observation (one final field read) and while {@link #pause paused}.
     */
    public boolean on() {
        return on && !paused;
    }

    /** Whether a call that starts now emits a JFR event (the caller then begins and commits it). */
    public boolean jfr() {
        return jfr && !paused;
    }

    /**
     * Whether this rank was asked to observe at all (statistics, trace or JFR), paused or not:
     * what it recorded is then reported at finalize and by {@code Communicator.statistics()}.
     */
    public boolean enabled() {
        return on;
    }

    /**
     * MPI_Pcontrol: {@code true} stops recording the calls that start from now on (calls already
     * started are still recorded when they end), {@code false} records again. Any thread.
     */
    public void pause(boolean pause) {
        if (on) {
            this.paused = pause;
        }
    }

    /** What this recorder was made with. */
    public ObserveConfig config() {
        return config;
    }

    /**
     * Sets this rank's clock offset to rank 0 ({@code rank 0's clock - ours}), measured with a
     * round trip of {@code rttNanos}.
     */
    public void clockOffset(long offsetNanos, long rttNanos) {
        this.clockOffsetNanos = offsetNanos;
        this.clockRttNanos = rttNanos;
    }

    /** This rank's wall clock now, in epoch nanoseconds (not aligned). */
    public long epochNanos() {
        return baseEpochNanos + (System.nanoTime() - baseNanos);
    }

    /**
     * A call starts on this thread: returns its start time, to pass to {@link #end}. With a
     * trace, makes sure the thread has a lane (so its name is known).
     */
    public long start() {
        if (trace) {
            lane.get();
        }
        return System.nanoTime();
    }

    /**
     * A call that started at {@code startNanos} on thread {@code thread} completed (or failed).
     * {@code key} is its {@link Names#key}; {@code peer} the destination, source or root as a
     * world rank (-1 for none), {@code bytes} its payload, {@code sequence} a collective's
     * place in its communicator's order.
     */
    public void end(
            long startNanos,
            long thread,
            int key,
            boolean collective,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            boolean failed) {
        if (!stats && !trace) {
            return;
        }
        long now = System.nanoTime();
        long nanos = now - startNanos;
        Lane l = lane.get();
        if (stats) {
            l.total(key, bytes, nanos);
            if (collective) {
                l.collective(context, sequence, startNanos - baseNanos, now - baseNanos, key, MAX_COLLECTIVES);
            }
        }
        if (trace) {
            l.span(
                    this,
                    startNanos - baseNanos,
                    nanos,
                    thread,
                    peer,
                    tag,
                    context,
                    bytes,
                    sequence,
                    ((long) key << 2) | (collective ? COLLECTIVE_FLAG : 0) | (failed ? FAILED_FLAG : 0));
        }
        l.publish();
    }

    /**
     * With JFR on, at a call's start: its begun JFR event (pass it to {@link #commitJfr}), or
     * null when no recording wants it.
     */
    public @Nullable Object beginJfr(boolean collective) {
        return jfr ? JfrEvents.begin(collective) : null;
    }

    /** Ends and commits a JFR event {@link #beginJfr} returned, with the call's details. */
    public void commitJfr(
            Object event,
            int key,
            boolean collective,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            boolean failed) {
        JfrEvents.commit(
                event,
                Names.operationOf(key),
                collective ? Names.algorithmOf(key) : null,
                rank,
                peer,
                tag,
                context,
                bytes,
                sequence,
                failed);
    }

    /** World rank this recorder records. */
    int rank() {
        return rank;
    }

    /** Where lanes spool their full span chunks. */
    Path spoolDirectory() {
        return spoolDirectory;
    }

    /** The JVM's temporary directory: local disk, unlike an observation directory may be. */
    private static Path temporaryDirectory() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** A lane could not spool a chunk: its later spans are dropped; said once per rank. */
    void spoolFailed(IOException e) {
        if (!spoolFailureLogged) {
            spoolFailureLogged = true;
            LOG.warn(
                    "rank {}: trace spans past this point are dropped: could not write them to a spool file in {}: {}",
                    rank,
                    spoolDirectory(),
                    e.toString());
        }
    }

    /** Lets go of the lanes' spool files: call when the trace has been read ({@link #snapshot}). */
    public void close() {
        for (Lane l : lanes) {
            l.closeSpool();
        }
    }

    /** Whether a lane may start another span chunk (the per-rank span limit). */
    boolean grantChunk() {
        if (chunksExhausted) {
            return false;
        }
        if (chunksLeft.getAndDecrement() > 0) {
            return true;
        }
        chunksExhausted = true;
        return false;
    }

    /** Per (operation, algorithm) totals merged over the lanes, in key order. */
    private Map<Integer, OperationTotals> totals() {
        Map<Integer, OperationTotals> out = new TreeMap<>();
        for (Lane l : lanes) {
            l.acquire();
            long[] t = l.totals;
            long[][] h = l.histograms;
            for (int key = 0; key < t.length / Lane.TOTAL_LONGS; key++) {
                int at = key * Lane.TOTAL_LONGS;
                if (t[at] == 0) {
                    continue;
                }
                long[] counts = key < h.length && h[key] != null ? h[key].clone() : new long[Histogram.BUCKETS];
                OperationTotals o = new OperationTotals(
                        Names.operationOf(key),
                        Names.algorithmOf(key),
                        t[at],
                        t[at + 1],
                        t[at + 2],
                        t[at + 3],
                        new Histogram(counts));
                out.merge(key, o, (a, b) -> {
                    a.addAll(b);
                    return a;
                });
            }
        }
        return out;
    }

    /**
     * This rank's statistics now, one entry per operation (merged over the algorithms it ran
     * with), sorted by time spent (most first).
     */
    public Statistics statistics() {
        Map<String, OperationTotals> byOperation = new LinkedHashMap<>();
        for (OperationTotals t : totals().values()) {
            byOperation.merge(t.operation, t, OperationTotals::plus);
        }
        List<OperationStatistics> ops = new ArrayList<>();
        for (OperationTotals t : byOperation.values()) {
            ops.add(t.toStatistics());
        }
        ops.sort(Comparator.comparing(OperationStatistics::totalTime)
                .reversed()
                .thenComparing(OperationStatistics::operation));
        return new Statistics(rank, stats, Duration.ofNanos(System.nanoTime() - baseNanos), ops);
    }

    /** Everything recorded, for the rank's observation file. */
    public RankObservation snapshot(String host, long pid) {
        List<OperationTotals> ops = new ArrayList<>(totals().values());
        ops.sort(Comparator.comparing((OperationTotals t) -> t.operation).thenComparing(t -> t.algorithm));
        List<RankObservation.SpanRecord> spans = new ArrayList<>();
        List<RankObservation.CollectiveRecord> colls = new ArrayList<>();
        Map<Long, String> threadNames = new HashMap<>();
        long droppedSpans = 0;
        long droppedColl = 0;
        for (Lane l : lanes) {
            l.acquire();
            threadNames.put(l.threadId, l.threadName);
            try {
                l.readSpans((b, at) -> {
                    long flags = b.getLong(at + 56);
                    int key = (int) (flags >>> 2);
                    long peerTag = b.getLong(at + 24);
                    spans.add(new RankObservation.SpanRecord(
                            (flags & COLLECTIVE_FLAG) != 0,
                            Names.operationOf(key),
                            Names.algorithmOf(key),
                            b.getLong(at + 16),
                            b.getLong(at),
                            b.getLong(at + 8),
                            (int) (peerTag >> 32),
                            (int) peerTag,
                            (int) b.getLong(at + 32),
                            b.getLong(at + 40),
                            b.getLong(at + 48),
                            (flags & FAILED_FLAG) != 0));
                });
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "rank " + rank + " could not read back its trace spans of thread '" + l.threadName
                                + "' from the spool file in " + spoolDirectory(),
                        e);
            }
            for (int i = 0; i < l.collectiveCount; i++) {
                long[] c = l.collectives;
                int at = i * Lane.COLLECTIVE_LONGS;
                colls.add(new RankObservation.CollectiveRecord(
                        Names.operationOf((int) c[at + 4]), (int) c[at], c[at + 1], c[at + 2], c[at + 3]));
            }
            droppedSpans += l.droppedSpans;
            droppedColl += l.droppedCollectives;
        }
        spans.sort(Comparator.comparingLong(RankObservation.SpanRecord::startNanos));
        colls.sort(Comparator.comparingLong(RankObservation.CollectiveRecord::startNanos));
        return new RankObservation(
                rank,
                host,
                pid,
                baseEpochNanos,
                clockOffsetNanos,
                clockRttNanos,
                System.nanoTime() - baseNanos,
                stats,
                trace,
                ops,
                colls,
                droppedColl,
                spans,
                droppedSpans,
                Map.copyOf(threadNames));
    }
}
