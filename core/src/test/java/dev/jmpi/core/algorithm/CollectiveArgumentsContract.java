package dev.jmpi.core.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.Op;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Bad arguments fail at the call, before anything is sent, with a message naming the
 * argument, its value and what was expected. Only rank 1 makes the bad calls; afterwards
 * every rank runs a good collective, which would fail with a mismatch or hang if a bad call
 * had started a collective on rank 1.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class CollectiveArgumentsContract {

    protected abstract RankRunner runner();

    protected List<Object> run(int ranks, Function<Communicator, Object> body) {
        return runner().run(ranks, body);
    }

    private static void fails(String expectedMessagePart, Executable call) {
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, call);
        assertTrue(
                e.getMessage().contains(expectedMessagePart),
                "message \"" + e.getMessage() + "\" should contain \"" + expectedMessagePart + "\"");
        assertTrue(e.communicatorUsable(), "a bad argument leaves the communicator usable");
    }

    @Test
    void badArgumentsFailAtTheCallNamingArgumentValueAndExpectation() {
        run(4, comm -> {
            if (comm.rank() == 1) {
                double[] d = new double[8];
                int[] i = new int[8];
                fails("root=5 (expected: 0 <= root < size=4)", () -> comm.bcast(d, 0, 8, 5));
                fails("root=-1 (expected: 0 <= root < size=4)", () -> comm.reduce(d, 0, d, 0, 8, Op.SUM, -1));
                fails("count=-1 (expected: >= 0)", () -> comm.allreduce(d, 0, new double[8], 0, -1, Op.SUM));
                fails(
                        "buf offset=4, count=8 (expected: 0 <= offset and offset + count <= buf length=8)",
                        () -> comm.bcast(d, 4, 8, 0));
                fails("op=BXOR cannot reduce DOUBLE", () -> comm.allreduce(d, 0, new double[8], 0, 8, Op.BXOR));
                fails(
                        "count=7 (expected: an even count for op=MINLOC",
                        () -> comm.allreduce(i, 0, new int[8], 0, 7, Op.MINLOC));
                fails(
                        "op=MINLOC cannot reduce SHORT",
                        () -> comm.allreduce(new short[2], 0, new short[2], 0, 2, Op.MINLOC));
                fails(
                        "sendBuf is int[] (expected: the same type as recvBuf, double[])",
                        () -> comm.allreduce(i, 0, d, 0, 8, Op.SUM));
                fails(
                        "recvCounts.length=3 (expected: size=4)",
                        () -> comm.reduceScatter(d, 0, d, 0, new int[3], Op.SUM));
                fails(
                        "recvCounts[2]=-1 (expected: >= 0)",
                        () -> comm.reduceScatter(d, 0, d, 0, new int[] {1, 1, -1, 1}, Op.SUM));
                fails(
                        "sendBuf=IN_PLACE (expected: a buffer; IN_PLACE is only allowed at the root)",
                        () -> comm.reduce(Communicator.IN_PLACE, 0, d, 0, 8, Op.SUM, 0));
                fails("recvBuf=IN_PLACE", () -> comm.allreduce(d, 0, Communicator.IN_PLACE, 0, 8, Op.SUM));
                fails("sendBuf=java.lang.String", () -> comm.allreduce("nope", 0, d, 0, 8, Op.SUM));
                fails(
                        "sendBuf offset=0 with size=4 blocks of sendCount=3",
                        () -> comm.alltoall(d, 0, 3, new double[12], 0, 3));
                fails(
                        "sendCount=2 (expected: equal to recvCount=3)",
                        () -> comm.allgather(d, 0, 2, new double[12], 0, 3));
                fails(
                        "displs[3]=7 with recvCounts[3]=2",
                        () -> comm.allgatherv(d, 0, 1, d, 0, new int[] {1, 1, 1, 2}, new int[] {0, 1, 2, 7}));
                fails(
                        "recvBuf is a read-only ByteBuffer (expected: a writable buffer)",
                        () -> comm.allreduce(
                                java.nio.ByteBuffer.allocate(8),
                                0,
                                java.nio.ByteBuffer.allocate(8).asReadOnlyBuffer(),
                                0,
                                8,
                                Op.BOR));
                fails("op=null", () -> comm.allreduce(d, 0, new double[8], 0, 8, null));
                fails(
                        "values.size()=2 (expected: size=4, one entry per rank)",
                        () -> comm.alltoallObject(List.of("a", "b")));
            }
            double[] one = {comm.rank()};
            double[] sum = new double[1];
            comm.allreduce(one, 0, sum, 0, 1, Op.SUM);
            assertArrayEquals(new double[] {6}, sum);
            return null;
        });
    }

    @Test
    void argumentsOnlyTheRootReadsAreIgnoredElsewhere() {
        run(3, comm -> {
            int r = comm.rank();
            int[] mine = {r, r};
            int[] all = r == 2 ? new int[6] : null;
            comm.gather(mine, 0, 2, all, 0, 2, 2);
            int[] back = new int[2];
            comm.scatter(r == 2 ? all : null, 0, 2, back, 0, 2, 2);
            assertArrayEquals(mine, back);
            int[] reduced = r == 0 ? new int[2] : null;
            comm.reduce(mine, 0, reduced, 0, 2, Op.SUM, 0);
            if (r == 0) {
                assertArrayEquals(new int[] {3, 3}, reduced);
            }
            return null;
        });
    }
}
