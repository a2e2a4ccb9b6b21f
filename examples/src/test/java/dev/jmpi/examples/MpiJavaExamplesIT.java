package dev.jmpi.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cookbook recipes written against the mpiJava 1.2 API, run unchanged by jmpirun with 4 ranks. */
@Timeout(600)
class MpiJavaExamplesIT {

    private static final String CLASSES =
            Path.of("target", "classes").toAbsolutePath().toString();

    private static List<String> run(String simpleName) throws Exception {
        JmpirunProcess.Result r = JmpirunProcess.run(4, CLASSES, "mpi.examples." + simpleName, 120);
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.stdout().lines().collect(Collectors.toList());
        lines.add("<stderr>\n" + r.stderr());
        return lines;
    }

    private static void assertHas(List<String> lines, String expected) {
        assertTrue(lines.contains(expected), () -> "missing line: " + expected + "\n" + String.join("\n", lines));
    }

    @Test
    void hello() throws Exception {
        List<String> lines = run("Hello");
        for (int r = 0; r < 4; r++) {
            int k = r;
            assertTrue(
                    lines.stream().anyMatch(l -> l.startsWith("Hello from rank " + k + " of 4 on ")), lines::toString);
        }
    }

    @Test
    void pointToPoint() throws Exception {
        List<String> lines = run("PointToPoint");
        for (int r = 1; r < 4; r++) {
            assertHas(lines, "rank 0 got " + 11 * r + " from rank " + r);
        }
    }

    @Test
    void sendRecv() throws Exception {
        List<String> lines = run("SendRecv");
        for (int r = 0; r < 4; r++) {
            int left = (r + 3) % 4;
            assertHas(lines, "rank " + r + " received " + left + " from rank " + left);
        }
    }

    @Test
    void broadcast() throws Exception {
        List<String> lines = run("Broadcast");
        for (int r = 0; r < 4; r++) {
            assertHas(lines, "rank " + r + " has [0.0, 1.5, 3.0, 4.5]");
        }
    }

    @Test
    void scatter() throws Exception {
        List<String> lines = run("Scatter");
        for (int r = 0; r < 4; r++) {
            assertHas(lines, "rank " + r + " got " + (2 * r) * (2 * r) + " and " + (2 * r + 1) * (2 * r + 1));
        }
    }

    @Test
    void gather() throws Exception {
        assertHas(run("Gather"), "gathered [0, 1, 4, 9]");
    }

    @Test
    void allToAll() throws Exception {
        List<String> lines = run("AllToAll");
        for (int j = 0; j < 4; j++) {
            assertHas(
                    lines,
                    "rank " + j + " received [" + j + ", " + (100 + j) + ", " + (200 + j) + ", " + (300 + j) + "]");
        }
    }

    @Test
    void reduceAndMaxloc() throws Exception {
        List<String> lines = run("Reduce");
        assertHas(lines, "sum of ranks 0..3 = 6");
        for (int r = 0; r < 4; r++) {
            assertHas(lines, "rank " + r + ": max 3.5 is on rank 3");
        }
    }

    @Test
    void cartesianShiftGivesProcNullOffTheNonPeriodicEdge() throws Exception {
        List<String> lines = run("CartesianShift");
        assertHas(lines, "rank 0 at (0,0) of 2x2: from above 2, from left PROC_NULL");
        assertHas(lines, "rank 1 at (0,1) of 2x2: from above 3, from left 0");
        assertHas(lines, "rank 2 at (1,0) of 2x2: from above 0, from left PROC_NULL");
        assertHas(lines, "rank 3 at (1,1) of 2x2: from above 1, from left 2");
    }
}
