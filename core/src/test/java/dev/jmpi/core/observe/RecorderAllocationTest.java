package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * What a recorded call costs the Java heap, measured with the thread's allocation counter:
 * nothing per call, with statistics and with a kept trace span (spans live outside the heap,
 * so the collector never copies them nor grows the heap for them).
 */
class RecorderAllocationTest {

    /** Three span chunks' worth of calls (spooled twice): with spans on the heap, 64 B a call. */
    static final int CALLS = 3 * Lane.CHUNK_SPANS;

    static final int SEND = Names.key("send", null);

    @Test
    void keptTraceSpansAllocateNothingOnTheHeapPerCall() {
        Recorder r = new Recorder(0, new ObserveConfig(true, "job.json", null, false, 0));
        double perCall = heapBytesPerCall(r);
        assertTrue(perCall < 2, "heap bytes per traced call: " + perCall + " (expected: < 2)");
        RankObservation o = r.snapshot("host", 1);
        r.close();
        int recorded = Lane.CHUNK_SPANS + CALLS + 1;
        assertEquals(recorded, o.spans().size());
        assertEquals(0, o.droppedSpans());
        RankObservation.SpanRecord last = o.spans().get(recorded - 1);
        assertEquals("send", last.operation());
        assertEquals(1, last.peer());
        assertEquals(recorded - 1, last.tag());
        assertEquals(1024 + recorded - 1, last.bytes());
        assertEquals(Thread.currentThread().getId(), last.thread());
    }

    @Test
    void statisticsAllocateNothingPerCall() {
        Recorder r = new Recorder(0, new ObserveConfig(true, null, null, false, 0));
        double perCall = heapBytesPerCall(r);
        assertTrue(perCall < 2, "heap bytes per recorded call: " + perCall + " (expected: < 2)");
        assertEquals(
                Lane.CHUNK_SPANS + CALLS + 1, r.statistics().operations().get(0).calls());
    }

    @Test
    void spansPastTheLimitAreCountedAsDropped() {
        Recorder r = new Recorder(0, new ObserveConfig(false, "job.json", null, false, 0, Lane.CHUNK_SPANS));
        heapBytesPerCall(r);
        RankObservation o = r.snapshot("host", 1);
        assertEquals(Lane.CHUNK_SPANS, o.spans().size());
        assertEquals(CALLS + 1, o.droppedSpans());
    }

    /**
     * Records one chunk and one call (the lane, its first arrays and, with a trace, its spool
     * file: made once), then {@link #CALLS} more, measured.
     */
    private static double heapBytesPerCall(Recorder r) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i <= Lane.CHUNK_SPANS; i++) {
            record(r, i, id);
        }
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = Lane.CHUNK_SPANS + 1; i <= Lane.CHUNK_SPANS + CALLS; i++) {
            record(r, i, id);
        }
        long after = threads.getThreadAllocatedBytes(id);
        return (after - before) / (double) CALLS;
    }

    private static void record(Recorder r, int i, long thread) {
        long start = r.start();
        r.end(start, thread, SEND, false, 1, i, 0, 1024 + i, 0, false);
    }
}
