package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real multi-process jobs on this host, with small test programs as ranks (no jmpi engine needed). */
@Timeout(120)
class LocalJobIT {

    @TempDir
    Path tmp;

    private static Map<String, String> valuesOf(Jmpirun.Result r, int rank) {
        Map<String, String> values = new HashMap<>();
        for (String line : r.outLines()) {
            if (line.startsWith(rank + " ")) {
                String kv = line.substring(line.indexOf(' ') + 1);
                int eq = kv.indexOf('=');
                values.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
        }
        return values;
    }

    @Test
    void everyRankGetsTheEnvironmentContract() {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                "4",
                "--oversubscribe",
                "-x",
                "FOO=bar baz",
                "--jvm-opt",
                "-Djmpi.test.prop=yes",
                "--wdir",
                tmp.toString(),
                "--op-timeout",
                "30s",
                "--tls",
                Jmpirun.APPS + "PrintEnv",
                "FOO"));
        assertEquals(0, r.exitCode(), r.toString());
        Set<String> secrets = new HashSet<>();
        Set<String> jobIds = new HashSet<>();
        for (int rank = 0; rank < 4; rank++) {
            Map<String, String> v = valuesOf(r, rank);
            assertEquals(Integer.toString(rank), v.get("JMPI_RANK"), r.toString());
            assertEquals("4", v.get("JMPI_SIZE"));
            assertEquals(Integer.toString(rank), v.get("JMPI_LOCAL_RANK"));
            assertEquals("4", v.get("JMPI_LOCAL_SIZE"));
            assertEquals("1", v.get("JMPI_LAUNCHED"));
            assertEquals("1", v.get("JMPI_TLS"));
            assertEquals("30s", v.get("JMPI_TIMEOUT"));
            assertEquals("null", v.get("JMPI_SECRET_STDIN"));
            assertTrue(v.get("JMPI_RENDEZVOUS").matches("127\\.0\\.0\\.1:\\d+"), v.get("JMPI_RENDEZVOUS"));
            assertEquals("env", v.get("secret.from"));
            assertEquals("44", v.get("secret.length"));
            assertEquals("bar baz", v.get("env.FOO"));
            assertEquals("yes", v.get("prop"));
            assertEquals(tmp.toAbsolutePath().toString(), v.get("cwd"));
            secrets.add(v.get("secret"));
            jobIds.add(v.get("JMPI_JOB_ID"));
        }
        assertEquals(1, secrets.size(), "one secret per job");
        assertEquals(1, jobIds.size(), "one job id per job");
        assertFalse(r.err().contains(secrets.iterator().next()), "the secret is never printed");
    }

    @Test
    void ranksThatFitTheHostRunOnTheirOwnShareOfItsCpusUnlessToldNotTo() {
        List<Integer> cpus = CpuBinding.allowedCpus(Path.of("/proc/self/status"));
        org.junit.jupiter.api.Assumptions.assumeTrue(
                cpus.size() >= 2 && Files.isExecutable(Path.of("/usr/bin/taskset")),
                "needs Linux with 2 CPUs or more and taskset");
        String all = CpuBinding.list(cpus);
        Jmpirun.Result bound = Jmpirun.run(Jmpirun.lean("-n", "2", Jmpirun.APPS + "PrintEnv"));
        assertEquals(0, bound.exitCode(), bound.toString());
        Set<Integer> seen = new HashSet<>();
        for (int rank = 0; rank < 2; rank++) {
            Map<String, String> v = valuesOf(bound, rank);
            List<Integer> mine = CpuBinding.parseList(v.get("cpus"));
            assertEquals(cpus.size() / 2, mine.size(), "rank " + rank + " got " + v.get("cpus") + " of " + all);
            for (int cpu : mine) {
                assertTrue(seen.add(cpu), "CPU " + cpu + " given to both ranks: " + bound.out());
            }
            assertEquals(Integer.toString(cpus.size()), v.get("JMPI_HOST_CORES"), "the host's CPUs, not the share");
        }

        Jmpirun.Result unbound = Jmpirun.run(Jmpirun.lean("-n", "2", "--bind-to", "none", Jmpirun.APPS + "PrintEnv"));
        assertEquals(0, unbound.exitCode(), unbound.toString());
        Jmpirun.Result crowded = Jmpirun.run(
                Jmpirun.lean("-n", Integer.toString(cpus.size() + 1), "--oversubscribe", Jmpirun.APPS + "PrintEnv"));
        assertEquals(0, crowded.exitCode(), crowded.toString());
        for (int rank = 0; rank < 2; rank++) {
            assertEquals(all, valuesOf(unbound, rank).get("cpus"), "--bind-to none");
            assertEquals(all, valuesOf(crowded, rank).get("cpus"), "more ranks than CPUs stay free to move");
        }
    }

    @Test
    void aOneRankJobJoinsWithoutAMesh() {
        Jmpirun.Result one = Jmpirun.run(Jmpirun.lean("-n", "1", Jmpirun.APPS + "ThreadNames"));
        assertEquals(0, one.exitCode(), one.toString());
        String threads = one.out()
                .lines()
                .filter(l -> l.startsWith("rank 0 threads: "))
                .findFirst()
                .orElseThrow();
        assertFalse(threads.contains("jmpi-r0-"), "a one-rank job started mesh threads: " + threads);
        assertTrue(threads.contains("jmpi-lifeline-rank-0"), "the rank keeps its lifeline to jmpirun: " + threads);

        Jmpirun.Result two = Jmpirun.run(Jmpirun.lean("-n", "2", "--oversubscribe", Jmpirun.APPS + "ThreadNames"));
        assertEquals(0, two.exitCode(), two.toString());
        assertTrue(two.out().contains("jmpi-r1-progress"), "two ranks do need their mesh: " + two.out());
    }

    @Test
    void timelineShowsEveryRanksStartUpAndEndStepsInOrder() {
        Jmpirun.Result r =
                Jmpirun.run(Jmpirun.lean("-n", "2", "--oversubscribe", "--timeline", Jmpirun.APPS + "WhoAmI"));
        assertEquals(0, r.exitCode(), r.toString());
        List<String> rows = r.errLines().stream()
                .filter(l -> l.startsWith("jmpirun:   rank "))
                .toList();
        List<String> expected = List.of(
                "forked",
                "jvm started",
                "init called",
                "registered",
                "peer table",
                "mesh connected",
                "finalize called",
                "exit hook ran",
                "transport closed",
                "lifeline closed",
                "exited");
        assertEquals(expected.size(), rows.size(), r.err());
        double previous = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            assertTrue(row.startsWith("jmpirun:   rank " + expected.get(i)), row);
            assertFalse(row.contains("missing"), row);
            double median = Double.parseDouble(
                    row.substring(row.indexOf('/') + 1, row.lastIndexOf('/')).trim());
            if (i >= 2) {
                assertTrue(median >= previous, "steps out of order at " + row + "\n" + r.err());
            }
            // jmpirun sees the lifeline's end and the exit on two threads: either may record first,
            // so the exit is only checked against the rank's own last step.
            if (!expected.get(i).equals("lifeline closed")) {
                previous = median;
            }
        }
        assertTrue(r.err().contains("rendezvous listening") && r.err().contains("job ended"), r.err());
        int table = r.errLines().indexOf("jmpirun: end of each rank, ms after its finalize was called:");
        assertTrue(table > 0, r.err());
        assertEquals(
                List.of("0", "1"),
                r.errLines().subList(table + 2, table + 4).stream()
                        .map(l -> l.substring("jmpirun:".length()).trim().split("\\s+")[0])
                        .toList(),
                r.err());
    }

    @Test
    void twoJobsGetDifferentSecretsAndIds() {
        Jmpirun.Result a = Jmpirun.run(Jmpirun.lean("-n", "1", Jmpirun.APPS + "PrintEnv"));
        Jmpirun.Result b = Jmpirun.run(Jmpirun.lean("-n", "1", Jmpirun.APPS + "PrintEnv"));
        assertFalse(valuesOf(a, 0).get("secret").equals(valuesOf(b, 0).get("secret")));
        assertFalse(valuesOf(a, 0).get("JMPI_JOB_ID").equals(valuesOf(b, 0).get("JMPI_JOB_ID")));
    }

    @Test
    void tagOutputPrefixesEveryWholeLineWithItsRank() {
        int ranks = 3;
        int lines = 300;
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                Integer.toString(ranks),
                "--oversubscribe",
                "--tag-output",
                Jmpirun.APPS + "Chatter",
                Integer.toString(lines),
                "2000"));
        assertEquals(0, r.exitCode(), r.err());
        Pattern line = Pattern.compile("\\[(\\d)] rank=(\\d) i=(\\d+) ([a-z])\\4{1999} end");
        int[] counts = new int[ranks];
        for (String l : r.outLines()) {
            Matcher m = line.matcher(l);
            assertTrue(m.matches(), "interleaved or untagged line: " + l.substring(0, Math.min(80, l.length())));
            assertEquals(m.group(1), m.group(2));
            counts[Integer.parseInt(m.group(1))]++;
        }
        for (int rank = 0; rank < ranks; rank++) {
            assertEquals(lines, counts[rank], "lines of rank " + rank);
        }
        for (String l : r.errLines()) {
            assertTrue(
                    l.matches("\\[(\\d)] rank=\\1 err=\\d+ [a-z]{2000} end"), l.substring(0, Math.min(80, l.length())));
        }
    }

    @Test
    void timestampOutputPrefixesTheTime() {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "1", "--tag-output", "--timestamp-output", Jmpirun.APPS + "Chatter", "2", "3"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(
                r.outLines().stream().allMatch(l -> l.matches("\\[0] \\d\\d:\\d\\d:\\d\\d\\.\\d{3} rank=0 .*")),
                r.out());
    }

    @Test
    void rankExitingWithStatus3MakesJmpirunExit3NamingIt() throws Exception {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "3", "--oversubscribe", "--grace", "2s", Jmpirun.APPS + "ExitWith", "2", "3"));
        assertEquals(3, r.exitCode(), r.toString());
        assertTrue(r.err().contains("jmpirun: rank 2 (host " + HostResolver.localHostName() + ", pid "), r.err());
        assertTrue(r.err().contains("failed first: exited with status 3"), r.err());
        assertTrue(
                r.err().contains("| error line 12 from rank 2") && r.err().contains("| error line 3 from rank 2"),
                r.err());
        assertEquals(List.of(), Processes.aliveAfter(r.pids(), Duration.ofSeconds(10)), "ranks left behind");
    }

    @Test
    void rankKilledBySigkillMakesJmpirunExit137NamingTheSignal() throws Exception {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "3", "--oversubscribe", "--grace", "2s", Jmpirun.APPS + "KillSelf", "1"));
        assertEquals(128 + 9, r.exitCode(), r.toString());
        assertTrue(
                r.err().contains("rank 1 (host ") && r.err().contains("failed first: killed by signal 9 (SIGKILL)"),
                r.err());
        assertTrue(r.err().contains("| rank 1 about to SIGKILL itself"), r.err());
        assertEquals(List.of(), Processes.aliveAfter(r.pids(), Duration.ofSeconds(10)), "ranks left behind");
    }

    @Test
    void timeoutExitsWith4AndReportsWhatEachRankIsBlockedIn() throws Exception {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "2", "--oversubscribe", "--timeout", "3s", "--grace", "5s", Jmpirun.APPS + "Hang"));
        assertEquals(ExitCodes.TIMEOUT, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--timeout 3s expired with 2 of 2 ranks still running"), r.err());
        int report = r.err().indexOf("timeout report");
        assertTrue(report > 0, r.err());
        String tail = r.err().substring(report);
        assertTrue(tail.contains("| jmpi: rank 0 blocked in recv(source=1, tag=7)"), r.err());
        assertTrue(tail.contains("| jmpi: rank 1 blocked in recv(source=0, tag=7)"), r.err());
        assertEquals(List.of(), Processes.aliveAfter(r.pids(), Duration.ofSeconds(10)), "ranks left behind");
    }

    @Test
    void rankIgnoringSigtermIsKilledAfterTheGracePeriod() throws Exception {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "1", "--timeout", "2s", "--grace", "1s", Jmpirun.APPS + "Hang", "stubborn"));
        assertEquals(ExitCodes.TIMEOUT, r.exitCode(), r.toString());
        assertEquals(1, r.pids().size(), r.toString());
        assertEquals(List.of(), Processes.aliveAfter(r.pids(), Duration.ofSeconds(10)), "rank left behind");
    }

    @Test
    void threadDumpOnTimeoutPrintsEveryRanksThreads() {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "1", "--tag-output", "--timeout", "3s", "--thread-dump", Jmpirun.APPS + "Hang"));
        assertEquals(ExitCodes.TIMEOUT, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[0] Full thread dump") && r.out().contains("\"main\""), r.toString());
    }

    @Test
    void stdinGoesToRankZeroOnly() {
        Jmpirun.Result r = Jmpirun.runWithStdin(
                "hello\nworld\n", Jmpirun.lean("-n", "2", "--oversubscribe", Jmpirun.APPS + "EchoStdin"));
        assertEquals(0, r.exitCode(), r.toString());
        // Ranks' lines interleave in jmpirun's output; rank 0's own lines keep their order.
        assertEquals(
                List.of("rank 0 got: hello", "rank 0 got: world", "rank 0 eof"),
                r.outLines().stream().filter(l -> l.startsWith("rank 0 ")).toList(),
                r.out());
        assertTrue(r.out().contains("rank 1 eof") && !r.out().contains("rank 1 got"), r.out());
    }

    @Test
    void outputDirHoldsEachRanksOutput() throws Exception {
        Path dir = tmp.resolve("out");
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n", "2", "--oversubscribe", "--output-dir", dir.toString(), Jmpirun.APPS + "Chatter", "5", "4"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.out());
        for (int rank = 0; rank < 2; rank++) {
            List<String> out = Files.readAllLines(dir.resolve("rank." + rank).resolve("stdout"));
            assertEquals(5, out.size());
            assertTrue(out.get(4).startsWith("rank=" + rank + " i=4 "), out.toString());
            assertTrue(Files.readString(dir.resolve("rank." + rank).resolve("stderr"))
                    .contains("err=0"));
        }
    }

    @Test
    void jarRunsItsMainClassWithProgramArguments() throws Exception {
        Path jar = tmp.resolve("app.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Jmpirun.APPS + "PrintEnv");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            j.flush();
        }
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean("-n", "1", "-jar", jar.toString(), "--", "HOME"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("0 env.HOME=" + System.getenv("HOME")), r.out());
    }

    @Test
    void wordsAfterTheMainClassBelongToTheProgram() {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean("-n", "1", Jmpirun.APPS + "PrintEnv", "--frobnicate", "-v"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("0 env.--frobnicate=null") && r.out().contains("0 env.-v=null"), r.toString());
    }
}
