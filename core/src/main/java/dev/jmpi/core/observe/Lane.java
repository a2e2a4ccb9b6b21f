package dev.jmpi.core.observe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * What one thread recorded: per-key totals and histograms, collective calls (for the
 * imbalance) and trace spans, all in primitive arrays. Only its own thread writes it (the
 * thread that completed the calls), without locks: after each call it publishes with a
 * release store of {@link #version}, and a reader ({@link Recorder#snapshot}) first reads
 * {@code version} with an acquire load, so it sees every call recorded before that store.
 * Arrays grow by copying (totals per key, collectives) or by adding fixed chunks (spans, so
 * a long trace never copies); the spans' chunks come out of the recorder's per-rank budget.
 */
final class Lane {

    /** Longs per kept span: start, duration, thread, peer|tag, context, bytes, sequence, key|flags. */
    static final int SPAN_LONGS = 8;
    /** Spans per chunk. */
    static final int CHUNK_SPANS = 4096;
    /** Longs per key in {@link #totals}: calls, bytes, total time, max time. */
    static final int TOTAL_LONGS = 4;
    /** Longs per collective call: context, sequence, start, end, key. */
    static final int COLLECTIVE_LONGS = 5;

    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(Lane.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long threadId;
    final String threadName;

    @SuppressWarnings("unused") // through VERSION
    private volatile long version;

    long[] totals = new long[16 * TOTAL_LONGS];
    long[][] histograms = new long[16][];
    long[] collectives = new long[64 * COLLECTIVE_LONGS];
    int collectiveCount;
    long droppedCollectives;
    long[][] chunks = new long[16][];
    int chunkCount;
    int spanCount;
    long droppedSpans;

    Lane(Thread t) {
        this.threadId = t.getId();
        this.threadName = t.getName();
    }

    /** Adds one call of {@code key} to the totals. */
    void total(int key, long bytes, long nanos) {
        int at = key * TOTAL_LONGS;
        if (at >= totals.length) {
            totals = Arrays.copyOf(totals, Math.max(totals.length * 2, at + TOTAL_LONGS));
            histograms = Arrays.copyOf(histograms, totals.length / TOTAL_LONGS);
        }
        long[] t = totals;
        t[at]++;
        t[at + 1] += bytes;
        t[at + 2] += nanos;
        if (nanos > t[at + 3]) {
            t[at + 3] = nanos;
        }
        long[] h = histograms[key];
        if (h == null) {
            h = new long[Histogram.BUCKETS];
            histograms[key] = h;
        }
        h[Histogram.bucketOf(nanos)]++;
    }

    /** Adds one collective call (times since the recorder's base), unless past {@code max}. */
    void collective(int context, long sequence, long start, long end, int key, int max) {
        if (collectiveCount == max) {
            droppedCollectives++;
            return;
        }
        int at = collectiveCount * COLLECTIVE_LONGS;
        if (at + COLLECTIVE_LONGS > collectives.length) {
            collectives = Arrays.copyOf(collectives, collectives.length * 2);
        }
        long[] c = collectives;
        c[at] = context;
        c[at + 1] = sequence;
        c[at + 2] = start;
        c[at + 3] = end;
        c[at + 4] = key;
        collectiveCount++;
    }

    /** Keeps a span, if this lane has room or {@code recorder} grants another chunk. */
    void span(
            Recorder recorder,
            long start,
            long duration,
            long thread,
            int peer,
            int tag,
            int context,
            long bytes,
            long sequence,
            long keyAndFlags) {
        int at = (spanCount % CHUNK_SPANS) * SPAN_LONGS;
        if (at == 0) {
            if (!recorder.grantChunk()) {
                droppedSpans++;
                return;
            }
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            chunks[chunkCount++] = new long[CHUNK_SPANS * SPAN_LONGS];
        }
        long[] c = chunks[chunkCount - 1];
        c[at] = start;
        c[at + 1] = duration;
        c[at + 2] = thread;
        c[at + 3] = ((long) peer << 32) | (tag & 0xffffffffL);
        c[at + 4] = context;
        c[at + 5] = bytes;
        c[at + 6] = sequence;
        c[at + 7] = keyAndFlags;
        spanCount++;
    }

    /** Publishes everything recorded so far to readers that {@link #acquire} after. */
    void publish() {
        VERSION.setRelease(this, (long) VERSION.getOpaque(this) + 1);
    }

    /** Makes everything published so far visible to this (reading) thread. */
    void acquire() {
        VERSION.getAcquire(this);
    }
}
