package dev.jmpi.core.observe;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * What one thread recorded: per-key totals and histograms, collective calls (for the
 * imbalance) and trace spans, all in primitive arrays. Only its own thread writes it (the
 * thread that completed the calls), without locks: after each call it publishes with a
 * release store of {@link #version}, and a reader ({@link Recorder#snapshot}) first reads
 * {@code version} with an acquire load, so it sees every call recorded before that store.
 * Totals per key and collectives grow by copying; the spans' chunks come out of the
 * recorder's per-rank budget.
 *
 * <p>Spans are written into one direct buffer of {@link #CHUNK_SPANS} spans, outside the Java
 * heap (on the heap every kept chunk was copied by young collections and grew the heap
 * through full collections; bench/results-notes.md). A full chunk goes to the lane's
 * {@link SpanSpool}, a temporary file, and the same buffer is filled again: taking fresh
 * memory for every chunk cost ~160 ns a kept span in page faults on a virtual machine, writing
 * the chunk out ~10 ns. The memory a trace holds a thread is one chunk, however long it runs.
 */
final class Lane {

    /** Longs per kept span: start, duration, thread, peer|tag, context, bytes, sequence, key|flags. */
    static final int SPAN_LONGS = 8;
    /** Bytes per kept span. */
    static final int SPAN_BYTES = SPAN_LONGS * Long.BYTES;
    /** Spans per chunk. */
    static final int CHUNK_SPANS = 4096;
    /** Bytes per chunk. */
    static final int CHUNK_BYTES = CHUNK_SPANS * SPAN_BYTES;
    /** Longs per key in {@link #totals}: calls, bytes, total time, max time. */
    static final int TOTAL_LONGS = 4;
    /** Longs per collective call: context, sequence, start, end, key. */
    static final int COLLECTIVE_LONGS = 5;

    private static final VarHandle VERSION;

    private static final VarHandle SPOOLED;
    private static final VarHandle SPAN_COUNT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            VERSION = lookup.findVarHandle(Lane.class, "version", long.class);
            SPOOLED = lookup.findVarHandle(Lane.class, "spooledChunks", int.class);
            SPAN_COUNT = lookup.findVarHandle(Lane.class, "spanCount", int.class);
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
    /** The chunk being filled; null until the first span. */
    private @Nullable ByteBuffer chunk;
    /** Full chunks written to {@link #spool}, in order; it moves before the chunk is reused. */
    @SuppressWarnings("unused") // through SPOOLED
    private volatile int spooledChunks;
    /** Spans kept: the spooled chunks' and those in {@link #chunk}. */
    @SuppressWarnings("unused") // through SPAN_COUNT
    private volatile int spanCount;

    private @Nullable SpanSpool spool;
    long droppedSpans;
    /** Whether no chunk can be had any more (budget spent, no direct memory, spool failed): later spans drop at once. */
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
        int count = (int) SPAN_COUNT.getOpaque(this);
        int at = (count % CHUNK_SPANS) * SPAN_BYTES;
        if (at == 0 && (spansFull || !nextChunk(recorder, count))) {
            droppedSpans++;
            return;
        }
        ByteBuffer c = chunk;
        if (c == null) {
            droppedSpans++;
            return;
        }
        c.putLong(at, start);
        c.putLong(at + 8, duration);
        c.putLong(at + 16, thread);
        c.putLong(at + 24, ((long) peer << 32) | (tag & 0xffffffffL));
        c.putLong(at + 32, context);
        c.putLong(at + 40, bytes);
        c.putLong(at + 48, sequence);
        c.putLong(at + 56, keyAndFlags);
        SPAN_COUNT.setRelease(this, count + 1);
    }

    /**
     * Makes room for span number {@code count}, the first of a chunk: if {@code recorder} grants
     * another chunk, spools the full one (or, for the first span, allocates the buffer).
     */
    private boolean nextChunk(Recorder recorder, int count) {
        if (!recorder.grantChunk()) {
            spansFull = true;
            return false;
        }
        if (chunk == null) {
            try {
                chunk = ByteBuffer.allocateDirect(CHUNK_BYTES).order(ByteOrder.nativeOrder());
                return true;
            } catch (OutOfMemoryError e) {
                // Direct memory is capped (-XX:MaxDirectMemorySize): a trace is not worth failing
                // the call, nor worth another try (each runs a GC and sleeps) at every later span.
                spansFull = true;
                return false;
            }
        }
        int spooled = count / CHUNK_SPANS - 1;
        try {
            if (spool == null) {
                spool = SpanSpool.open(recorder.spoolDirectory(), recorder.rank(), CHUNK_BYTES);
            }
            spool.write(spooled, chunk);
        } catch (IOException e) {
            // The full chunk stays in memory and is kept; the trace just ends here for this thread.
            recorder.spoolFailed(e);
            spansFull = true;
            return false;
        }
        // Readers check this count before and after copying the chunk, so it moves before any
        // byte of the chunk is overwritten.
        SPOOLED.setRelease(this, spooled + 1);
        VarHandle.storeStoreFence();
        return true;
    }

    /** Receives kept spans: span {@code i} of this lane at byte {@code at} of {@code spans}. */
    interface SpanReader {
        void span(ByteBuffer spans, int at) throws IOException;
    }

    /**
     * Gives every span kept so far to {@code reader}, in order, one chunk at a time (the spooled
     * ones read back from the file). Safe while the lane's thread goes on recording: the spans
     * in the chunk being filled are copied, and copied again if the thread spooled meanwhile.
     */
    void readSpans(SpanReader reader) throws IOException {
        ByteBuffer copy = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.nativeOrder());
        int spooled;
        int inChunk;
        while (true) {
            spooled = (int) SPOOLED.getAcquire(this);
            int count = (int) SPAN_COUNT.getAcquire(this);
            inChunk = Math.min(count - spooled * CHUNK_SPANS, CHUNK_SPANS);
            ByteBuffer c = chunk;
            copy.clear();
            if (c != null && inChunk > 0) {
                copy.put(0, c, 0, inChunk * SPAN_BYTES);
            }
            VarHandle.acquireFence();
            if ((int) SPOOLED.getOpaque(this) == spooled) {
                break;
            }
        }
        copy.limit(inChunk * SPAN_BYTES);
        SpanSpool s = spool;
        if (spooled > 0 && s != null) {
            ByteBuffer read = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.nativeOrder());
            for (int i = 0; i < spooled; i++) {
                s.read(i, read);
                for (int at = 0; at < CHUNK_BYTES; at += SPAN_BYTES) {
                    reader.span(read, at);
                }
            }
        }
        for (int at = 0; at < copy.limit(); at += SPAN_BYTES) {
            reader.span(copy, at);
        }
    }

    /** Spans kept so far. */
    int spanCount() {
        return (int) SPAN_COUNT.getAcquire(this);
    }

    /** Lets go of the spool file (the spans in it are gone after). */
    void closeSpool() {
        SpanSpool s = spool;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                // Closing an unlinked temporary file: nothing to keep or report.
            }
        }
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
