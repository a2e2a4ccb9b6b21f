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
        assertTrue(lines.get(0).startsWith("start-up timeline"), lines.toString());
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
