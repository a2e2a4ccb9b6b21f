package dev.jmpi.core.observe;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What one thread recorded: per-key totals and histograms, collective calls (for the
 * imbalance) and trace spans, all in primitive arrays. Only its own thread writes it (the
 * thread that completed the calls), without locks: after each call it publishes with a
 * release store of {@link #version}, and a reader ({@link Recorder#snapshot}) first reads
 * {@code version} with an acquire load, so it sees every call recorded before that store.
 * Arrays grow by copying (totals per key, collectives) or by adding fixed chunks (spans, so
 * a long trace never copies); the spans' chunks come out of the recorder's per-rank budget.
 *
 * <p>Span chunks are direct buffers, outside the Java heap: a trace keeps up to 64 MB of
 * spans a rank, and on the heap every kept chunk was copied by young collections and made
 * the heap grow through full collections (with the ranks' 16 MB initial heap, 6 full and
 * 0.6–1.3 s of pauses in a 120,000 round-trip ping-pong, against 0.17 s without a trace;
 * bench/results-notes.md). The collector sees only each chunk's small buffer object.
 */
final class Lane {

    /** Longs per kept span: start, duration, thread, peer|tag, context, bytes, sequence, key|flags. */
    static final int SPAN_LONGS = 8;
    /** Bytes per kept span. */
    static final int SPAN_BYTES = SPAN_LONGS * Long.BYTES;
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
    ByteBuffer[] chunks = new ByteBuffer[16];
    int chunkCount;
    int spanCount;
    long droppedSpans;
    /** Whether no chunk can be had any more (budget spent or no direct memory): later spans drop at once. */
    private boolean spansFull;

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
        int at = (spanCount % CHUNK_SPANS) * SPAN_BYTES;
        if (at == 0 && (spansFull || !newChunk(recorder))) {
            droppedSpans++;
            return;
        }
        ByteBuffer c = chunks[chunkCount - 1];
        c.putLong(at, start);
        c.putLong(at + 8, duration);
        c.putLong(at + 16, thread);
        c.putLong(at + 24, ((long) peer << 32) | (tag & 0xffffffffL));
        c.putLong(at + 32, context);
        c.putLong(at + 40, bytes);
        c.putLong(at + 48, sequence);
        c.putLong(at + 56, keyAndFlags);
        spanCount++;
    }

    /** Adds an empty chunk, if {@code recorder} grants one and the direct memory has room. */
    private boolean newChunk(Recorder recorder) {
        if (!recorder.grantChunk()) {
            spansFull = true;
            return false;
        }
        ByteBuffer c;
        try {
            c = ByteBuffer.allocateDirect(CHUNK_SPANS * SPAN_BYTES).order(ByteOrder.nativeOrder());
        } catch (OutOfMemoryError e) {
            // Direct memory is capped (-XX:MaxDirectMemorySize): a trace is not worth failing the
            // call, nor worth another try (each runs a GC and sleeps) at every later span.
            spansFull = true;
            return false;
        }
        if (chunkCount == chunks.length) {
            chunks = Arrays.copyOf(chunks, chunkCount * 2);
        }
        chunks[chunkCount++] = c;
        return true;
    }

    /** Long {@code field} (0–7, as {@link #SPAN_LONGS} lists them) of kept span {@code i}. */
    long spanField(int i, int field) {
        return chunks[i / CHUNK_SPANS].getLong((i % CHUNK_SPANS) * SPAN_BYTES + field * 8);
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
