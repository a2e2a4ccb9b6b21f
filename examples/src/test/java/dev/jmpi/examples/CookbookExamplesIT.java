package dev.jmpi.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs every cookbook example with 4 ranks through jmpirun, as a user would, and checks what it prints. */
@Timeout(600)
class CookbookExamplesIT {

    private static final String CLASSES =
            Path.of("target", "classes").toAbsolutePath().toString();
    private static final long TIMEOUT_S = 120;

    private static JmpirunProcess.Result run(String main, String... args) throws Exception {
        JmpirunProcess.Result r = JmpirunProcess.run(4, CLASSES, main, TIMEOUT_S, args);
        assertEquals(0, r.exitCode(), r::toString);
        return r;
    }

    private static List<String> lines(JmpirunProcess.Result r) {
        return r.stdout().lines().collect(Collectors.toList());
    }

    @Test
    void reductionPrintsTheElementWiseSumOnRankZero() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.reduction.Reduction");
        assertTrue(
                lines(r).contains("on task 0 after Reduce: data = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]"),
                r::toString);
        for (int rank = 0; rank < 4; rank++) {
            int k = rank + 1;
            String mine = IntStream.range(0, 10)
                    .mapToObj(i -> Integer.toString(k * i))
                    .collect(Collectors.joining(", ", "[", "]"));
            assertTrue(lines(r).contains("on task " + rank + " before Reduce: data = " + mine), r::toString);
        }
    }

    @Test
    void helloGreetsFromEveryRank() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.hello.Hello");
        for (int rank = 0; rank < 4; rank++) {
            int k = rank;
            assertTrue(
                    lines(r).stream().anyMatch(l -> l.startsWith("Hello from rank " + k + " of 4 on ")), r::toString);
        }
    }

    @Test
    void pointToPointDeliversToEveryOtherRank() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.pointtopoint.PointToPoint");
        assertTrue(lines(r).contains("rank 0 sent 3 messages"), r::toString);
        for (int rank = 1; rank < 4; rank++) {
            assertTrue(
                    lines(r).contains("rank " + rank + " received [" + rank + ", " + rank * 10 + ", " + rank * 100
                            + "] from rank 0 with tag 11"),
                    r::toString);
        }
    }

    @Test
    void exchangePassesValuesAroundTheRing() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.exchange.Exchange");
        for (int rank = 0; rank < 4; rank++) {
            int left = (rank + 3) % 4;
            assertTrue(lines(r).contains("rank " + rank + " got " + left * 1.5 + " from rank " + left), r::toString);
        }
    }

    @Test
    void broadcastGivesEveryRankRootsArray() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.broadcast.Broadcast");
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(lines(r).contains("rank " + rank + " has [0.0, 1.0, 4.0, 9.0, 16.0]"), r::toString);
        }
    }

    @Test
    void scatterHandsEachRankItsBlock() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.scatter.Scatter");
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(
                    lines(r).contains("rank " + rank + " got [" + 2 * rank + ", " + (2 * rank + 1) + "]"), r::toString);
        }
    }

    @Test
    void gatherCollectsSquaresInRankOrder() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.gather.Gather");
        assertTrue(lines(r).contains("rank 0 gathered [0, 1, 4, 9]"), r::toString);
    }

    @Test
    void allToAllTransposesTheBlocks() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.alltoall.AllToAll");
        for (int j = 0; j < 4; j++) {
            int col = j;
            String expected = IntStream.range(0, 4)
                    .mapToObj(i -> Integer.toString(10 * i + col))
                    .collect(Collectors.joining(", ", "[", "]"));
            assertTrue(lines(r).contains("rank " + j + " received " + expected), r::toString);
        }
    }

    @Test
    void cartesianShiftFindsTheHandComputedNeighbours() throws Exception {
        // 4 ranks -> a periodic 2x2 grid: up and down are the same rank, so are left and right.
        JmpirunProcess.Result r = run("dev.jmpi.examples.cartesian.CartesianShift");
        int[][] expected = {{2, 2, 1, 1}, {3, 3, 0, 0}, {0, 0, 3, 3}, {1, 1, 2, 2}};
        for (int rank = 0; rank < 4; rank++) {
            int[] e = expected[rank];
            String line = "rank " + rank + " coords [" + rank / 2 + ", " + rank % 2 + "] neighbours (up, down, left,"
                    + " right) = [" + e[0] + ", " + e[1] + ", " + e[2] + ", " + e[3] + "]";
            assertTrue(lines(r).contains(line), () -> "missing: " + line + "\n" + r);
        }
    }

    @Test
    void heatEquationMatchesTheSequentialSolution() throws Exception {
        JmpirunProcess.Result r = run("dev.jmpi.examples.heat.HeatEquation", "400", "1500");
        assertTrue(lines(r).contains("heat: matches the sequential solution exactly"), r::toString);
    }
}
