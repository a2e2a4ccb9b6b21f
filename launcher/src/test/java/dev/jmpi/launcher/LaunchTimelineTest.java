package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.proto.StartupMark;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchTimelineTest {

    private static StartupMark mark(String name, long epochMicros) {
        return StartupMark.newBuilder()
                .setName(name)
                .setEpochMicros(epochMicros)
                .build();
    }

    @Test
    void ranksAreSummarisedAsFirstMedianAndLastInStartUpOrder() {
        LaunchTimeline t = LaunchTimeline.start(3, null);
        t.rank(0, List.of(mark("mesh connected", 1), mark("init called", 1)));
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000;
        t.rank(0, List.of(mark("peer table", now)));
        t.rank(1, List.of(mark("peer table", now + 2_000)));
        t.rank(2, List.of(mark("peer table", now + 9_000)));
        t.rank(1, LaunchTimeline.FORKED);

        List<String> lines = t.lines();
        assertTrue(lines.get(0).startsWith("start-up and end timeline"), lines.toString());
        assertTrue(
                lines.get(1).contains("jmpirun JVM started")
                        && lines.get(1).trim().endsWith("0.0"),
                lines.toString());
        List<String> rows = lines.stream().filter(l -> l.startsWith("  rank ")).toList();
        assertEquals(4, rows.size(), lines.toString());
        assertTrue(rows.get(0).contains("rank forked") && rows.get(0).contains("(2 of 3 ranks missing)"), rows.get(0));
        assertTrue(rows.get(1).contains("init called"), "start-up order, not arrival order: " + rows);
        assertTrue(rows.get(2).contains("peer table") && rows.get(2).contains("(rank 2)"), rows.get(2));
        assertTrue(rows.get(3).contains("mesh connected"), rows.toString());
        String[] cells = rows.get(2).replaceAll(".*peer table\\s+", "").split("\\s*/\\s*|\\s+\\(");
        double first = Double.parseDouble(cells[0]);
        assertEquals(2.0, Double.parseDouble(cells[1]) - first, 0.01, rows.get(2));
        assertEquals(9.0, Double.parseDouble(cells[2].trim()) - first, 0.01, rows.get(2));
    }

    @Test
    void endMarksPrintAfterTheStartUpMarksWithEachRanksTimeFromFinalizeToExit() {
        LaunchTimeline t = LaunchTimeline.start(2, null);
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000;
        t.rank(0, List.of(mark("mesh connected", now)));
        t.rank(1, List.of(mark("mesh connected", now + 500)));
        // Rank 1 finalizes later and its transport takes 30 ms to close; rank 0 never closes its transport.
        t.rank(0, List.of(mark("finalize called", now + 1_000), mark("exit hook ran", now + 3_000)));
        t.rank(
                1,
                List.of(
                        mark("finalize called", now + 2_000),
                        mark("exit hook ran", now + 4_000),
                        mark("transport closed", now + 34_000)));
        t.rank(1, LaunchTimeline.LIFELINE_CLOSED);
        t.rank(0, LaunchTimeline.EXITED);
        t.rank(1, LaunchTimeline.EXITED);

        List<String> lines = t.lines();
        List<String> rows = lines.stream().filter(l -> l.startsWith("  rank ")).toList();
        List<String> names = List.of(
                "mesh connected", "finalize called", "exit hook ran", "transport closed", "lifeline closed", "exited");
        assertEquals(names.size(), rows.size(), lines.toString());
        for (int i = 0; i < names.size(); i++) {
            assertTrue(rows.get(i).startsWith("  rank " + names.get(i) + " "), "end steps in order: " + rows);
        }
        assertTrue(rows.get(3).contains("(1 of 2 ranks missing)"), rows.get(3));

        int table = lines.indexOf("end of each rank, ms after its finalize was called:");
        assertTrue(table > lines.indexOf(rows.get(rows.size() - 1)), "the per-rank table follows the rows: " + lines);
        assertEquals(
                List.of("rank", "exit", "hook", "ran", "transport", "closed", "lifeline", "closed", "exited"),
                List.of(lines.get(table + 1).trim().split("\\s+")),
                lines.get(table + 1));
        assertEquals("0 2.0 - - ", cells(lines.get(table + 2), 4), lines.get(table + 2));
        assertEquals("1 2.0 32.0 ", cells(lines.get(table + 3), 3), lines.get(table + 3));
        assertEquals(table + 4, lines.size(), lines.toString());
    }

    @Test
    void theEndTableShowsOnlyTheRanksSlowestFromFinalizeToExit() {
        int size = LaunchTimeline.MAX_END_TABLE_RANKS + 4;
        LaunchTimeline t = LaunchTimeline.start(size, null);
        long now = java.time.Instant.now().getEpochSecond() * 1_000_000;
        for (int r = 0; r < size; r++) {
            // Rank r takes r ms from finalize to its transport closed: ranks 0-3 are the fastest.
            t.rank(r, List.of(mark("finalize called", now), mark("transport closed", now + r * 1_000L)));
        }
        List<String> lines = t.lines();
        int table = lines.indexOf("end of each rank, ms after its finalize was called (the "
                + LaunchTimeline.MAX_END_TABLE_RANKS + " of " + size + " ranks slowest to exit):");
        assertTrue(table > 0, lines.toString());
        List<String> shown = lines.subList(table + 2, lines.size()).stream()
                .map(l -> l.trim().split("\\s+")[0])
                .toList();
        assertEquals(LaunchTimeline.MAX_END_TABLE_RANKS, shown.size(), shown.toString());
        assertEquals("4", shown.get(0), "fastest left out, the rest in rank order: " + shown);
        assertEquals(String.valueOf(size - 1), shown.get(shown.size() - 1), shown.toString());
    }

    /** The first {@code n} cells of a table row (rank, then each step), each followed by a space. */
    private static String cells(String row, int n) {
        StringBuilder b = new StringBuilder();
        String[] all = row.trim().split("\\s+");
        for (int i = 0; i < n; i++) {
            b.append(all[i]).append(' ');
        }
        return b.toString();
    }

    @Test
    void theCommandsStartFromBashIsParsedAndGarbageIgnored() {
        assertEquals(1_764_740_000_123_456L, LaunchTimeline.commandStarted("1764740000.123456"));
        assertEquals(1_764_740_000_123_456L, LaunchTimeline.commandStarted("1764740000,123456"));
        assertEquals(1_764_740_000_500_000L, LaunchTimeline.commandStarted("1764740000.5"));
        assertNull(LaunchTimeline.commandStarted(""));
        assertNull(LaunchTimeline.commandStarted("soon"));
        assertTrue(LaunchTimeline.start(1, "1764740000.5").lines().get(1).contains("jmpirun command started"));
    }

    @Test
    void offRecordsAndPrintsNothing() {
        LaunchTimeline off = LaunchTimeline.off();
        off.launcher("options parsed");
        off.rank(0, LaunchTimeline.FORKED);
        assertEquals(List.of(), off.lines());
    }
}
