package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RankJvmDefaultsTest {

    @Test
    void ranksGetSerialGcASmallInitialHeapAndAShareOfTheHostsMemory() {
        assertEquals(
                List.of(
                        "-XX:+UseSerialGC",
                        "-Xms16m",
                        "-XX:MaxRAMPercentage=18.75",
                        "-XX:MaxNewSize=32m",
                        "-XX:NewSize=12m",
                        RankJvmDefaults.NO_LEAK_DETECTION,
                        RankJvmDefaults.NO_NETTY_JFR,
                        RankJvmDefaults.CHUNK_REUSE,
                        RankJvmDefaults.LATER_C1.get(0),
                        RankJvmDefaults.LATER_C1.get(1),
                        RankJvmDefaults.LATER_C1.get(2)),
                RankJvmDefaults.options(List.of(), 4));
        assertEquals(
                "-XX:MaxRAMPercentage=25", RankJvmDefaults.options(List.of(), 3).get(2));
        assertEquals(
                "-XX:MaxRAMPercentage=10.71",
                RankJvmDefaults.options(List.of(), 7).get(2));
    }

    @Test
    void aRanksShareIsCappedAtTheJvmsOwnDefault() {
        assertEquals(
                "-XX:MaxRAMPercentage=25", RankJvmDefaults.options(List.of(), 1).get(2));
        assertEquals(
                "-XX:MaxRAMPercentage=25", RankJvmDefaults.options(List.of(), 2).get(2));
    }

    @Test
    void eachDefaultGivesWayToTheUsersOwnOptionOfThatKind() {
        assertEquals(
                List.of(
                        "-Xms16m",
                        "-XX:MaxRAMPercentage=18.75",
                        RankJvmDefaults.NO_LEAK_DETECTION,
                        RankJvmDefaults.NO_NETTY_JFR,
                        RankJvmDefaults.CHUNK_REUSE,
                        RankJvmDefaults.LATER_C1.get(0),
                        RankJvmDefaults.LATER_C1.get(1),
                        RankJvmDefaults.LATER_C1.get(2)),
                RankJvmDefaults.options(List.of("-XX:+UseG1GC"), 4));
        assertEquals(
                List.of(
                        "-XX:+UseSerialGC",
                        "-XX:MaxRAMPercentage=18.75",
                        "-XX:MaxNewSize=32m",
                        RankJvmDefaults.NO_LEAK_DETECTION,
                        RankJvmDefaults.NO_NETTY_JFR,
                        RankJvmDefaults.CHUNK_REUSE,
                        RankJvmDefaults.LATER_C1.get(0),
                        RankJvmDefaults.LATER_C1.get(1),
                        RankJvmDefaults.LATER_C1.get(2)),
                RankJvmDefaults.options(List.of("-Xms64m"), 4));
        assertEquals(
                List.of(
                        "-XX:+UseSerialGC",
                        "-Xms16m",
                        "-XX:MaxNewSize=32m",
                        "-XX:NewSize=12m",
                        RankJvmDefaults.NO_LEAK_DETECTION,
                        RankJvmDefaults.NO_NETTY_JFR,
                        RankJvmDefaults.CHUNK_REUSE,
                        RankJvmDefaults.LATER_C1.get(0),
                        RankJvmDefaults.LATER_C1.get(1),
                        RankJvmDefaults.LATER_C1.get(2)),
                RankJvmDefaults.options(List.of("-XX:MaxRAMPercentage=50"), 4));
        // An explicit maximum could be below 16m, which -Xms16m would make an error.
        assertEquals(
                List.of(
                        "-XX:+UseSerialGC",
                        RankJvmDefaults.NO_LEAK_DETECTION,
                        RankJvmDefaults.NO_NETTY_JFR,
                        RankJvmDefaults.CHUNK_REUSE,
                        RankJvmDefaults.LATER_C1.get(0),
                        RankJvmDefaults.LATER_C1.get(1),
                        RankJvmDefaults.LATER_C1.get(2)),
                RankJvmDefaults.options(List.of("-Xmx8m"), 4));
        assertEquals(
                List.of(
                        "-XX:+UseSerialGC",
                        "-XX:MaxNewSize=32m",
                        RankJvmDefaults.NO_LEAK_DETECTION,
                        RankJvmDefaults.NO_NETTY_JFR,
                        RankJvmDefaults.CHUNK_REUSE,
                        RankJvmDefaults.LATER_C1.get(0),
                        RankJvmDefaults.LATER_C1.get(1),
                        RankJvmDefaults.LATER_C1.get(2)),
                RankJvmDefaults.options(List.of("-XX:MaxHeapSize=1g"), 4));
        assertEquals(
                List.of(),
                RankJvmDefaults.options(
                        List.of(
                                "-XX:+UseParallelGC",
                                "-Xmx2g",
                                "-verbose:gc",
                                "-Dio.netty.leakDetection.level=simple",
                                "-Dio.netty.jfr.enabled=true",
                                "-Dio.netty.allocator.chunkReuseQueueCapacity=4",
                                "-XX:TieredStopAtLevel=1"),
                        4));
    }

    @Test
    void theYoungGenerationCapGivesWayToTheUsersSizingACollectorOrASmallHeap() {
        for (String o : List.of("-Xmn64m", "-XX:NewSize=8m", "-XX:MaxNewSize=1g", "-XX:NewRatio=3", "-XX:+UseG1GC")) {
            assertFalse(RankJvmDefaults.options(List.of(o), 4).contains("-XX:MaxNewSize=32m"), o);
        }
        for (String o : List.of("-Xmx63m", "-Xmx32M", "-XX:MaxHeapSize=40000000", "-Xmx65535k")) {
            assertFalse(RankJvmDefaults.options(List.of(o), 4).contains("-XX:MaxNewSize=32m"), o);
        }
        for (String o : List.of("-Xmx64m", "-Xmx2g", "-XX:MaxHeapSize=1073741824", "-Xms8m", "-verbose:gc")) {
            assertTrue(RankJvmDefaults.options(List.of(o), 4).contains("-XX:MaxNewSize=32m"), o);
        }
    }

    @Test
    void theStartUpEdenComesOnlyWithTheSmallInitialHeapAndTheYoungCap() {
        assertTrue(RankJvmDefaults.options(List.of("-verbose:gc"), 4).contains(RankJvmDefaults.INITIAL_YOUNG));
        for (String o : List.of(
                "-Xms64m",
                "-XX:InitialHeapSize=32m",
                "-Xmx2g",
                "-XX:MaxHeapSize=1g",
                "-Xmx32m",
                "-Xmn64m",
                "-XX:NewSize=8m",
                "-XX:MaxNewSize=1g",
                "-XX:NewRatio=3",
                "-XX:+UseG1GC")) {
            assertFalse(RankJvmDefaults.options(List.of(o), 4).contains(RankJvmDefaults.INITIAL_YOUNG), o);
        }
    }

    @Test
    void nettysLeakDetectorIsOffUnlessTheUserSetsItsLevel() {
        assertTrue(
                RankJvmDefaults.options(List.of("-Xmx2g", "-Dfoo=bar"), 4).contains(RankJvmDefaults.NO_LEAK_DETECTION));
        for (String o : List.of(
                "-Dio.netty.leakDetection.level=paranoid",
                "-Ddev.jmpi.internal.shaded.io.netty.leakDetection.level=advanced",
                "-Ddev.jmpi.internal.shaded.io.netty.leakDetectionLevel=simple")) {
            assertFalse(RankJvmDefaults.options(List.of(o), 4).contains(RankJvmDefaults.NO_LEAK_DETECTION), o);
        }
    }

    @Test
    void nettysJfrEventsAreOffUnlessTheUserSetsThem() {
        assertTrue(RankJvmDefaults.options(List.of("-Dfoo=bar"), 4).contains(RankJvmDefaults.NO_NETTY_JFR));
        for (String o :
                List.of("-Dio.netty.jfr.enabled=true", "-Ddev.jmpi.internal.shaded.io.netty.jfr.enabled=true")) {
            assertFalse(RankJvmDefaults.options(List.of(o), 4).contains(RankJvmDefaults.NO_NETTY_JFR), o);
        }
    }

    @Test
    void nettysAllocatorKeepsFreeChunksForReuseUnlessTheUserSaysHowMany() {
        assertTrue(RankJvmDefaults.options(List.of("-Dfoo=bar"), 4).contains(RankJvmDefaults.CHUNK_REUSE));
        for (String o : List.of(
                "-Dio.netty.allocator.chunkReuseQueueCapacity=4",
                "-Ddev.jmpi.internal.shaded.io.netty.allocator.chunkReuseQueueCapacity=128")) {
            assertFalse(RankJvmDefaults.options(List.of(o), 4).contains(RankJvmDefaults.CHUNK_REUSE), o);
        }
    }

    @Test
    void c1CompilesLaterUnlessTheUserTunesTheJit() {
        assertTrue(RankJvmDefaults.options(List.of("-Dfoo=bar"), 4).containsAll(RankJvmDefaults.LATER_C1));
        for (String o : List.of(
                "-XX:TieredStopAtLevel=1",
                "-XX:Tier3InvocationThreshold=200",
                "-XX:CompileThresholdScaling=0.5",
                "-XX:-TieredCompilation",
                "-Xint",
                "-Xcomp")) {
            List<String> defaults = RankJvmDefaults.options(List.of(o), 4);
            assertTrue(RankJvmDefaults.LATER_C1.stream().noneMatch(defaults::contains), o);
        }
    }

    @Test
    void aHostWithoutRanksIsRefused() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> RankJvmDefaults.options(List.of(), 0));
        assertTrue(e.getMessage().contains("ranksPerHost=0"), e.getMessage());
    }

    @Test
    void theJvmAcceptsTheDefaultsAndAppliesThem() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(JavaCommand.localJava());
        cmd.addAll(RankJvmDefaults.options(List.of(), 7));
        cmd.add("-XX:+PrintFlagsFinal");
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.matches("(?s).*\\bUseSerialGC\\s+= true\\b.*"), "UseSerialGC not on");
        assertTrue(out.matches("(?s).*\\bMaxRAMPercentage\\s+= 10\\.71\\d*\\b.*"), "MaxRAMPercentage not 10.71");
        assertTrue(out.matches("(?s).*\\bInitialHeapSize\\s+= 16777216\\b.*"), "InitialHeapSize not 16m");
        assertTrue(out.matches("(?s).*\\bMaxNewSize\\s+= 33554432\\b.*"), "MaxNewSize not 32m");
        assertTrue(out.matches("(?s).*\\bNewSize\\s+= 12582912\\b.*"), "NewSize not 12m");
        assertTrue(
                out.matches("(?s).*\\bTier3InvocationThreshold\\s+= 2000\\b.*"), "Tier3InvocationThreshold not 2000");
        assertFalse(out.contains("warning"), out);
    }
}
