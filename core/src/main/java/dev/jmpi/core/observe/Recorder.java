package dev.jmpi.core.observe;

import dev.jmpi.OperationStatistics;
import dev.jmpi.Statistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a rank's jmpi calls: per-operation statistics, trace spans, JFR events, as
 * {@link ObserveConfig} asks. {@link #OFF} records nothing: callers test {@link #on()} (a
 * final field) and skip the rest, so a rank without observation pays one branch per call.
 *
 * <p>Threads: {@link #begin} runs on the calling thread, {@link #end} on whichever thread
 * completes the call (often the one driving the I/O); totals lock per operation, the span
 * and collective lists lock themselves. The clock offset is set once at init.
 */
public final class Recorder {

    /** Records nothing. */
    public static final Recorder OFF = new Recorder(-1, ObserveConfig.NONE, 0);

    /** Most collective calls kept per rank for the imbalance (4 longs each). */
    static final int MAX_COLLECTIVES = 1 << 18;

    private final int rank;
    private final boolean on;
    private final boolean stats;
    private final boolean trace;
    private final boolean jfr;
    private final ObserveConfig config;
    private final long baseNanos;
    private final long baseEpochNanos;
    private final int maxSpans;
    private final Map<String, OperationTotals> totals = new ConcurrentHashMap<>();
    private final Map<Long, String> threadNames = new ConcurrentHashMap<>();
    /**
     * Kept spans, {@link #SPAN_LONGS} longs each in chunks of {@link #CHUNK_SPANS}: primitive
     * columns rather than the span objects, so a long trace holds no objects for the GC to trace
     * and each span dies young. Guarded by {@code chunks}.
     */
    private final List<long[]> chunks = new ArrayList<>();
    private final List<String> spanNames = new ArrayList<>();
    private int spanCount;
    private long droppedSpans;
    static final int SPAN_LONGS = 8;
    static final int CHUNK_SPANS = 4096;
    private final List<String> collectiveNames = new ArrayList<>();
    private long[] collectives = new long[64];
    private int collectiveCount;
    private long droppedCollectives;
    private volatile long clockOffsetNanos;
    private volatile long clockRttNanos = -1;

    /** A recorder for world rank {@code rank}. */
    public Recorder(int rank, ObserveConfig config) {
        this(rank, config, config.traceMaxSpans());
    }

    private Recorder(int rank, ObserveConfig config, int maxSpans) {
        this.rank = rank;
        this.config = config;
        this.stats = config.stats();
        this.trace = config.trace() != null;
        this.jfr = config.jfr();
        this.on = stats || trace || jfr;
        this.maxSpans = maxSpans;
        this.baseNanos = System.nanoTime();
        Instant now = Instant.now();
        this.baseEpochNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Whether anything is recorded: callers skip {@link #begin} when not. */
    public boolean on() {
        return on;
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
     * A call starts: {@code peer} is the destination, source or root as a world rank (-1 for
     * none or a wildcard), {@code bytes} what it sends (receives learn theirs at the end).
     * Returns null when off.
     */
    public Span begin(boolean collective, String operation, int peer, int tag, int context, long bytes,
                      long sequence) {
        if (!on) {
            return null;
        }
        Thread t = Thread.currentThread();
        Span s = new Span(collective, operation, t.getId(), System.nanoTime(), peer, tag, context, bytes, sequence);
        if (trace && !threadNames.containsKey(t.getId())) { // putIfAbsent would lock the bin every call
            threadNames.putIfAbsent(t.getId(), t.getName());
        }
        if (jfr) {
            JfrEvents.Base e = collective ? new JfrEvents.Collective() : new JfrEvents.PointToPoint();
            if (e.isEnabled()) {
                e.begin();
                s.jfr = e;
            }
        }
        return s;
    }

    /** The call of {@code s} completed (or failed), as begun. */
    public void end(Span s, boolean failed) {
        end(s, s.peer, s.tag, s.bytes, failed);
    }

    /** The call of {@code s} completed (or failed); {@code peer}, {@code tag}, {@code bytes} as known now. */
    public void end(Span s, int peer, int tag, long bytes, boolean failed) {
        long now = System.nanoTime();
        s.endNanos = now == 0 ? 1 : now;
        s.peer = peer;
        s.tag = tag;
        s.bytes = bytes;
        s.failed = failed;
        if (stats) {
            totals.computeIfAbsent(s.operation, OperationTotals::new).add(bytes, now - s.startNanos);
            if (s.collective) {
                addCollective(s);
            }
        }
        if (trace) {
            keep(s);
        }
        if (s.jfr != null) {
            commit(s);
        }
    }

    private void commit(Span s) {
        JfrEvents.Base e = s.jfr;
        e.end();
        e.operation = s.operation;
        e.rank = rank;
        e.peer = s.peer;
        e.bytes = s.bytes;
        e.context = s.context;
        e.failed = s.failed;
        if (e instanceof JfrEvents.PointToPoint p) {
            p.tag = s.tag;
        } else if (e instanceof JfrEvents.Collective c) {
            c.sequence = s.sequence;
        }
        e.commit();
    }

    private void keep(Span s) {
        synchronized (chunks) {
            if (spanCount == maxSpans) {
                droppedSpans++;
                return;
            }
            int at = (spanCount % CHUNK_SPANS) * SPAN_LONGS;
            if (at == 0) {
                chunks.add(new long[CHUNK_SPANS * SPAN_LONGS]);
            }
            long[] c = chunks.get(chunks.size() - 1);
            int name = spanNames.indexOf(s.operation);
            if (name < 0) {
                name = spanNames.size();
                spanNames.add(s.operation);
            }
            c[at] = s.startNanos - baseNanos;
            c[at + 1] = s.endNanos - s.startNanos;
            c[at + 2] = s.thread;
            c[at + 3] = ((long) s.peer << 32) | (s.tag & 0xffffffffL);
            c[at + 4] = s.context;
            c[at + 5] = s.bytes;
            c[at + 6] = s.sequence;
            c[at + 7] = ((long) name << 2) | (s.collective ? 1 : 0) | (s.failed ? 2 : 0);
            spanCount++;
        }
    }

    private synchronized void addCollective(Span s) {
        if (collectiveCount == MAX_COLLECTIVES) {
            droppedCollectives++;
            return;
        }
        int name = collectiveNames.indexOf(s.operation);
        if (name < 0) {
            name = collectiveNames.size();
            collectiveNames.add(s.operation);
        }
        int at = collectiveCount * 5;
        if (at + 5 > collectives.length) {
            collectives = java.util.Arrays.copyOf(collectives, collectives.length * 2);
        }
        collectives[at] = s.context;
        collectives[at + 1] = s.sequence;
        collectives[at + 2] = s.startNanos - baseNanos;
        collectives[at + 3] = s.endNanos - baseNanos;
        collectives[at + 4] = name;
        collectiveCount++;
    }

    /** This rank's statistics now, sorted by time spent (most first). */
    public Statistics statistics() {
        List<OperationStatistics> ops = new ArrayList<>();
        for (OperationTotals t : totals.values()) {
            ops.add(t.toStatistics());
        }
        ops.sort(Comparator.comparing(OperationStatistics::totalTime).reversed()
            .thenComparing(OperationStatistics::operation));
        return new Statistics(rank, stats, Duration.ofNanos(System.nanoTime() - baseNanos), ops);
    }

    /** Everything recorded, for the rank's observation file. */
    public RankObservation snapshot(String host, long pid) {
        List<OperationTotals> ops = new ArrayList<>();
        for (OperationTotals t : totals.values()) {
            ops.add(t.copy());
        }
        ops.sort(Comparator.comparing(t -> t.operation));
        List<RankObservation.SpanRecord> spanRecords = new ArrayList<>();
        long dropped;
        synchronized (chunks) {
            for (int i = 0; i < spanCount; i++) {
                long[] c = chunks.get(i / CHUNK_SPANS);
                int at = (i % CHUNK_SPANS) * SPAN_LONGS;
                long flags = c[at + 7];
                spanRecords.add(new RankObservation.SpanRecord((flags & 1) != 0, spanNames.get((int) (flags >>> 2)),
                    c[at + 2], c[at], c[at + 1], (int) (c[at + 3] >> 32), (int) c[at + 3], (int) c[at + 4], c[at + 5],
                    c[at + 6], (flags & 2) != 0));
            }
            dropped = droppedSpans;
        }
        List<RankObservation.CollectiveRecord> colls = new ArrayList<>();
        long droppedColl;
        synchronized (this) {
            for (int i = 0; i < collectiveCount; i++) {
                int at = i * 5;
                colls.add(new RankObservation.CollectiveRecord(collectiveNames.get((int) collectives[at + 4]),
                    (int) collectives[at], collectives[at + 1], collectives[at + 2], collectives[at + 3]));
            }
            droppedColl = droppedCollectives;
        }
        return new RankObservation(rank, host, pid, baseEpochNanos, clockOffsetNanos, clockRttNanos,
            System.nanoTime() - baseNanos, stats, trace, ops, colls, droppedColl, spanRecords, dropped,
            Map.copyOf(threadNames));
    }
}
