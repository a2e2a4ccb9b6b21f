package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Op;
import dev.jmpi.testing.Ranks;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reductions whose messages are large enough to travel as several rendezvous pieces combine
 * each piece as it lands (the algorithms' {@code CombineAsLanded}); the results must still be
 * exactly the sequential ones, at offsets that are not piece-aligned, for pairs (MINLOC) and
 * plain values, on the rank counts where the tree, Rabenseifner's halving and the ring run.
 */
@Timeout(240)
class ReductionsOverRendezvousPiecesTest {

    /** Four pieces of doubles and a bit more, even (whole MINLOC pairs), and odd-sized blocks when split. */
    private static final int COUNT = 4 * RendezvousSend.PIECE_BYTES / 8 + RendezvousSend.PIECE_BYTES / 16 + 2;

    private static final int IN_AT = 3;
    private static final int OUT_AT = 5;

    @ParameterizedTest
    @CsvSource({"2, LOOPBACK", "3, LOOPBACK", "4, IN_JVM", "2, IN_JVM"})
    void sumOfPiecesCombinedAsTheyLandEqualsTheSequentialSum(int ranks, Ranks.Wiring wiring) {
        double[] expected = new double[COUNT];
        for (int r = 0; r < ranks; r++) {
            double[] in = sumInput(r);
            for (int i = 0; i < COUNT; i++) {
                expected[i] += in[IN_AT + i];
            }
        }
        run(ranks, wiring, comm -> {
            double[] in = sumInput(comm.rank());
            double[] out = new double[OUT_AT + COUNT];
            comm.reduce(in, IN_AT, comm.rank() == 0 ? out : null, OUT_AT, COUNT, Op.SUM, 0);
            if (comm.rank() == 0) {
                assertArrayEquals(expected, Arrays.copyOfRange(out, OUT_AT, OUT_AT + COUNT), "reduce SUM");
            }
            double[] all = new double[OUT_AT + COUNT];
            comm.allreduce(in, IN_AT, all, OUT_AT, COUNT, Op.SUM);
            assertArrayEquals(expected, Arrays.copyOfRange(all, OUT_AT, OUT_AT + COUNT), "allreduce SUM");
        });
    }

    @ParameterizedTest
    @CsvSource({"2, LOOPBACK", "3, IN_JVM", "4, LOOPBACK"})
    void minlocPairsSplitAcrossPiecesStayWhole(int ranks, Ranks.Wiring wiring) {
        double[] expected = new double[COUNT];
        for (int i = 0; i < COUNT; i += 2) {
            expected[i] = Double.MAX_VALUE;
        }
        for (int r = 0; r < ranks; r++) {
            double[] in = minlocInput(r);
            for (int i = 0; i < COUNT; i += 2) {
                double v = in[IN_AT + i];
                if (v < expected[i] || (v == expected[i] && r < expected[i + 1])) {
                    expected[i] = v;
                    expected[i + 1] = r;
                }
            }
        }
        run(ranks, wiring, comm -> {
            double[] in = minlocInput(comm.rank());
            double[] all = new double[OUT_AT + COUNT];
            comm.allreduce(in, IN_AT, all, OUT_AT, COUNT, Op.MINLOC);
            assertArrayEquals(expected, Arrays.copyOfRange(all, OUT_AT, OUT_AT + COUNT), "allreduce MINLOC");
            double[] root = new double[OUT_AT + COUNT];
            comm.reduce(in, IN_AT, comm.rank() == ranks - 1 ? root : null, OUT_AT, COUNT, Op.MINLOC, ranks - 1);
            if (comm.rank() == ranks - 1) {
                assertArrayEquals(expected, Arrays.copyOfRange(root, OUT_AT, OUT_AT + COUNT), "reduce MINLOC");
            }
        });
    }

    /** Runs on {@code ranks} and checks that the reductions' data did travel as rendezvous pieces. */
    private static void run(int ranks, Ranks.Wiring wiring, Ranks.Body body) {
        Ranks.builder().wiring(wiring).timeout(Duration.ofSeconds(180)).run(ranks, comm -> {
            long before = FlowSettings.flow(comm).rendezvousPiecesReceived();
            body.run(comm);
            comm.barrier();
            long pieces = FlowSettings.flow(comm).rendezvousPiecesReceived() - before;
            assertTrue(
                    pieces >= 2, "rank " + comm.rank() + " received " + pieces + " rendezvous pieces (expected: >= 2)");
        });
    }

    /** Integers as doubles: every sum is exact, in any order of combination. */
    private static double[] sumInput(int rank) {
        double[] in = new double[IN_AT + COUNT + 1];
        Arrays.fill(in, Double.NaN); // outside the slice: must never be read
        for (int i = 0; i < COUNT; i++) {
            in[IN_AT + i] = (i % 1009) * (rank + 1) - rank * 3;
        }
        return in;
    }

    /** (value, index) pairs with many ties, so the lower index must win them. */
    private static double[] minlocInput(int rank) {
        double[] in = new double[IN_AT + COUNT + 1];
        Arrays.fill(in, Double.NaN);
        for (int i = 0; i < COUNT; i += 2) {
            in[IN_AT + i] = (i * 7 + rank * 13) % 17;
            in[IN_AT + i + 1] = rank;
        }
        return in;
    }
}
