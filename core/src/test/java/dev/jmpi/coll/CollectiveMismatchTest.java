package dev.jmpi.coll;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.CollectiveMismatchException;
import dev.jmpi.JmpiException;
import dev.jmpi.Op;
import dev.jmpi.testing.Ranks;
import dev.jmpi.testing.RanksFailedError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ranks whose collective calls disagree get an exception naming both calls, never a hang. */
@Timeout(120)
class CollectiveMismatchTest {

    /** Runs {@code n} ranks where each catches its own failure; returns the messages. */
    private static List<String> failures(int n, Ranks.Body body) {
        List<String> messages = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            Ranks.run(n, comm -> {
                try {
                    body.run(comm);
                    comm.barrier();
                } catch (JmpiException e) {
                    messages.add("rank " + comm.rank() + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                }
            });
        } catch (RanksFailedError e) {
            messages.add("harness: " + e.getMessage());
        }
        return messages;
    }

    @Test
    void bcastAgainstReduceIsReportedWithBothSignatures() {
        List<String> m = failures(2, comm -> {
            double[] buf = new double[4];
            if (comm.rank() == 0) {
                comm.bcast(buf, 0);
            } else {
                comm.reduce(buf, new double[4], Op.SUM, 0);
            }
        });
        assertTrue(
                m.stream()
                        .anyMatch(s -> s.contains("CollectiveMismatchException")
                                && s.contains("bcast")
                                && s.contains("reduce")),
                m.toString());
    }

    @Test
    void frameThatArrivedBeforeItsCallIsCheckedWhenTheCallBegins() {
        List<String> m = failures(2, comm -> {
            if (comm.rank() == 1) {
                comm.reduce(new double[4], 0, null, 0, 4, Op.SUM, 0); // a leaf: sends and returns
                comm.send(new int[1], 0, 1, 0, 7); // behind the reduce's frame on the same connection
            } else {
                comm.recv(new int[1], 0, 1, 1, 7); // so the reduce's frame is queued, unchecked
                comm.reduce(new double[5], 0, new double[5], 0, 5, Op.SUM, 0);
            }
        });
        assertTrue(
                m.stream()
                        .anyMatch(s -> s.startsWith("rank 0: CollectiveMismatchException")
                                && s.contains("count=5")
                                && s.contains("count=4")),
                m.toString());
    }

    @Test
    void differentRootsAreReported() {
        List<String> m = failures(3, comm -> comm.bcast(new int[2], comm.rank() == 2 ? 1 : 0));
        assertTrue(
                m.stream()
                        .anyMatch(s -> s.contains("CollectiveMismatchException")
                                && s.contains("root=1")
                                && s.contains("root=0")),
                m.toString());
    }

    @Test
    void differentCountsAreReported() {
        List<String> m = failures(2, comm -> {
            int count = comm.rank() == 0 ? 5 : 6;
            comm.allreduce(new long[count], 0, new long[count], 0, count, Op.SUM);
        });
        assertTrue(m.stream().anyMatch(s -> s.contains("count=5") && s.contains("count=6")), m.toString());
    }

    @Test
    void differentOpsAreReported() {
        List<String> m =
                failures(2, comm -> comm.allreduce(new int[1], new int[1], comm.rank() == 0 ? Op.SUM : Op.MAX));
        assertTrue(m.stream().anyMatch(s -> s.contains("op=SUM") && s.contains("op=MAX")), m.toString());
    }

    @Test
    void mismatchBreaksTheCommunicatorForLaterCalls() {
        List<String> m = failures(2, comm -> {
            try {
                comm.bcast(new int[1], comm.rank());
            } catch (CollectiveMismatchException first) {
                JmpiException later = assertThrows(JmpiException.class, comm::barrier);
                assertTrue(!later.communicatorUsable(), later.getMessage());
                throw first;
            }
        });
        assertTrue(m.stream().anyMatch(s -> s.contains("CollectiveMismatchException")), m.toString());
    }
}
