package dev.jmpi.core.observe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread's full span chunks go to a spool file and its one chunk buffer is filled again: the
 * trace comes back whole and in order, holds one chunk of memory per thread however long it
 * runs, leaves no file behind, and reads consistently while the thread goes on recording.
 */
class TraceSpoolTest {

    static final int SEND = Names.key("send", null);

    @TempDir
    Path spoolDir;

    @Test
    void spansOfManyChunksComeBackWholeAndInOrder() {
        Recorder r = tracing(1_000_000);
        int calls = 5 * Lane.CHUNK_SPANS + 17;
        for (int i = 0; i < calls; i++) {
            record(r, i);
        }
        List<RankObservation.SpanRecord> spans = r.snapshot("host", 1).spans();
        r.close();
        assertEquals(calls, spans.size());
        for (int i = 0; i < calls; i++) {
            assertEquals(i, spans.get(i).tag(), "tag of span " + i);
            assertEquals(1024L + i, spans.get(i).bytes(), "bytes of span " + i);
        }
    }

    @Test
    void aLongTraceHoldsOneChunkOfDirectMemoryPerThread() {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(p -> p.getName().equals("direct"))
                .findFirst()
                .orElseThrow();
        Recorder r = tracing(1_000_000);
        record(r, 0);
        long before = direct.getMemoryUsed();
        for (int i = 1; i < 8 * Lane.CHUNK_SPANS; i++) {
            record(r, i);
        }
        long grown = direct.getMemoryUsed() - before;
        assertTrue(
                grown < Lane.CHUNK_BYTES,
                "direct memory grew by " + grown + " bytes over 8 chunks of spans (expected: less than one chunk, "
                        + Lane.CHUNK_BYTES + " bytes)");
        assertEquals(8 * Lane.CHUNK_SPANS, r.snapshot("host", 1).spans().size());
        r.close();
    }

    @Test
    void theSpoolFileIsUnlinkedWhileInUse() throws IOException {
        Recorder r = tracing(1_000_000);
        for (int i = 0; i < 3 * Lane.CHUNK_SPANS; i++) {
            record(r, i);
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            assertEquals(List.of(), files.toList(), "files left in the spool directory");
        }
        assertEquals(3 * Lane.CHUNK_SPANS, r.snapshot("host", 1).spans().size());
        r.close();
    }

    @Test
    void readingWhileTheThreadRecordsSeesAGaplessPrefix() throws Exception {
        int spans = 8 * Lane.CHUNK_SPANS;
        int reads = 0;
        for (int run = 0; run < 300; run++) {
            Recorder r = tracing(spans);
            Lane lane = new Lane(Thread.currentThread());
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread writer = new Thread(
                    () -> {
                        try {
                            for (int i = 0; i < spans; i++) {
                                lane.span(r, 0, 1, 1, 1, i, 0, 1024, 0, 0);
                                lane.publish();
                            }
                        } catch (Throwable t) {
                            failure.set(t);
                        }
                    },
                    "span-writer");
            writer.start();
            int seen;
            do {
                seen = readGaplessPrefix(lane);
                reads++;
            } while (writer.isAlive());
            writer.join();
            assertEquals(null, failure.get(), "the writer failed");
            assertEquals(spans, readGaplessPrefix(lane), "spans read after the writer ended");
            assertTrue(seen <= spans);
            lane.closeSpool();
        }
        assertTrue(reads >= 10, "reads: " + reads);
    }

    /** Reads the lane's spans, checking each one's tag is its index; returns how many. */
    private static int readGaplessPrefix(Lane lane) throws IOException {
        int[] next = {0};
        lane.readSpans((b, at) -> {
            int tag = (int) b.getLong(at + 24);
            if (tag != next[0]) {
                throw new AssertionError("span " + next[0] + " has tag " + tag + " (expected: " + next[0] + ")");
            }
            next[0]++;
        });
        return next[0];
    }

    @Test
    void aSpoolThatCannotBeWrittenKeepsTheFirstChunkAndCountsTheRestAsDropped() {
        Path missing = spoolDir.resolve("not-there");
        Recorder r = new Recorder(0, new ObserveConfig(false, "job.json", null, false, 0, 1_000_000), missing);
        int calls = 3 * Lane.CHUNK_SPANS;
        for (int i = 0; i < calls; i++) {
            record(r, i);
        }
        RankObservation o = r.snapshot("host", 1);
        r.close();
        assertEquals(Lane.CHUNK_SPANS, o.spans().size());
        assertEquals(calls - Lane.CHUNK_SPANS, o.droppedSpans());
        assertEquals(Lane.CHUNK_SPANS - 1, o.spans().get(Lane.CHUNK_SPANS - 1).tag());
    }

    private Recorder tracing(int maxSpans) {
        return new Recorder(0, new ObserveConfig(false, "job.json", null, false, 0, maxSpans), spoolDir);
    }

    private static void record(Recorder r, int i) {
        long start = r.start();
        r.end(start, Thread.currentThread().getId(), SEND, false, 1, i, 0, 1024 + i, 0, false);
    }
}
