package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.CollectiveMismatchException;
import dev.jmpi.Communicator;
import dev.jmpi.JmpiException;
import dev.jmpi.Op;
import dev.jmpi.testing.Ranks;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collective-check modes ({@code jmpi.checkCollectives}) when 4 ranks call mismatched
 * collectives: in {@code strict} mode every rank fails at the mismatched call itself, naming
 * both calls and both ranks; in the default mode no rank hangs and a rank that fails names
 * the mismatch (a rank that only sends may return normally). Also: two ranks waiting for each
 * other in different calls, and a rank calling a collective its finalized peer never joins.
 */
@Timeout(180)
class CollectiveCheckModesTest {

    private static final String PROP = "jmpi.checkCollectives";
    private static final String RETURNED = "returned normally";

    /** One rank's differing call, and the descriptions of both calls. */
    record Case(String name, Ranks.Body body, String common, String odd) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        String bcast = "bcast(root=0, count=4, type=INT)";
        return Stream.of(
                        new Case(
                                "ops",
                                comm -> {
                                    if (comm.rank() == 3) {
                                        comm.reduce(new int[4], new int[4], Op.SUM, 0);
                                    } else {
                                        comm.bcast(new int[4], 0);
                                    }
                                },
                                bcast,
                                "reduce(root=0, count=4, type=INT, op=SUM)"),
                        new Case(
                                "roots",
                                comm -> comm.bcast(new int[4], comm.rank() == 1 ? 1 : 0),
                                bcast,
                                "bcast(root=1, count=4, type=INT)"),
                        new Case(
                                "counts",
                                comm -> comm.bcast(new int[comm.rank() == 2 ? 5 : 4], 0),
                                bcast,
                                "bcast(root=0, count=5, type=INT)"),
                        new Case(
                                "types",
                                comm -> comm.bcast(comm.rank() == 3 ? new double[4] : new int[4], 0),
                                bcast,
                                "bcast(root=0, count=4, type=DOUBLE)"))
                .map(Arguments::of);
    }

    /** Runs {@code body} on {@code n} ranks in {@code mode}; each rank's exception, or {@link #RETURNED}. */
    private static Map<Integer, Object> outcomes(String mode, int n, Ranks.Body body) {
        Map<Integer, Object> out = new ConcurrentHashMap<>();
        String old = System.getProperty(PROP);
        System.setProperty(PROP, mode);
        try {
            Ranks.builder().timeout(Duration.ofSeconds(90)).run(n, comm -> {
                try {
                    body.run(comm);
                    out.put(comm.rank(), RETURNED);
                } catch (JmpiException e) {
                    out.put(comm.rank(), e);
                }
            });
        } finally {
            if (old == null) {
                System.clearProperty(PROP);
            } else {
                System.setProperty(PROP, old);
            }
        }
        return out;
    }

    private static void assertMismatchNaming(Object outcome, int rank, String... parts) {
        CollectiveMismatchException e =
                assertInstanceOf(CollectiveMismatchException.class, outcome, "rank " + rank + ": " + outcome);
        for (String part : parts) {
            assertTrue(
                    e.getMessage().contains(part), "rank " + rank + ": expected '" + part + "' in: " + e.getMessage());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void strictModeFailsEveryRankAtTheMismatchedCall(Case c) {
        Map<Integer, Object> out = outcomes("strict", 4, c.body());
        assertEquals(4, out.size(), out.toString());
        for (int r = 0; r < 4; r++) {
            assertMismatchNaming(out.get(r), r, "collective mismatch at call #1", c.common(), c.odd(), "world rank");
        }
    }

    /**
     * Default mode promises no hang and the true cause, not the call where each rank fails: a
     * rank that only sends may return from the mismatched call, and even from the next ones
     * until the mismatch (found by another rank and told to all) reaches it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void defaultModeEndsEveryRankWithoutHangingAndNamesTheMismatch(Case c) {
        Map<Integer, Object> out = outcomes("on", 4, comm -> {
            c.body().run(comm);
            comm.barrier();
        });
        assertEquals(4, out.size(), out.toString());
        int failed = 0;
        for (int r = 0; r < 4; r++) {
            if (out.get(r) != RETURNED) {
                assertMismatchNaming(out.get(r), r, "collective mismatch at call #1", c.common(), c.odd());
                failed++;
            }
        }
        assertTrue(failed > 0, "some rank found the mismatch: " + out);
    }

    @Test
    void ranksWaitingForEachOtherInDifferentCallsFailInsteadOfHanging() {
        Map<Integer, Object> out = outcomes("on", 2, comm -> comm.bcast(new int[3], 1 - comm.rank()));
        for (int r = 0; r < 2; r++) {
            assertMismatchNaming(out.get(r), r, "bcast(root=0, count=3, type=INT)", "bcast(root=1, count=3, type=INT)");
        }
    }

    /**
     * Rank 1 waits for rank 0 in a call rank 0 never makes: once rank 0's finalize grace has
     * passed, rank 1 fails with a mismatch naming rank 0's last call. (Where rank 1 must send
     * to rank 0 first and rank 0's connection is already gone, rank 1 fails naming rank 0's
     * departure instead.)
     */
    @Test
    void waitingForAFinalizedRankInACallItNeverJoinedFailsAsAMismatch() {
        Map<Integer, Object> out = outcomes("on", 2, comm -> {
            comm.barrier();
            if (comm.rank() == 1) {
                comm.bcast(new long[2], 0);
            }
        });
        assertEquals(RETURNED, out.get(0));
        assertMismatchNaming(
                out.get(1),
                1,
                "call #2",
                "bcast(root=0, count=2, type=LONG)",
                "world rank 0 finalized after call #1 barrier(count=0)");
    }

    @Test
    void offModeStillRunsMatchingCollectives() {
        Map<Integer, Object> out = outcomes("off", 3, comm -> {
            int[] buf = new int[] {comm.rank() == 1 ? 42 : 0};
            comm.bcast(buf, 1);
            if (buf[0] != 42) {
                throw new JmpiException("rank " + comm.rank() + " got " + buf[0], false);
            }
        });
        assertEquals(Map.of(0, RETURNED, 1, RETURNED, 2, RETURNED), out);
    }

    @Test
    void strictModeRunsMatchingCollectivesOnEveryRankCount() {
        for (int n = 1; n <= 7; n++) {
            int size = n;
            Map<Integer, Object> out = outcomes("strict", n, comm -> {
                long[] sum = new long[1];
                comm.allreduce(new long[] {comm.rank()}, sum, Op.SUM);
                comm.barrier();
                if (sum[0] != (long) size * (size - 1) / 2) {
                    throw new JmpiException("rank " + comm.rank() + " got " + sum[0], false);
                }
                Communicator sub = comm.split(comm.rank() % 2, 0).orElseThrow();
                sub.barrier();
                sub.close();
            });
            for (int r = 0; r < n; r++) {
                assertEquals(RETURNED, out.get(r), "rank " + r + " of " + n);
            }
        }
    }
}
