package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.JmpiException;
import dev.jmpi.Message;
import dev.jmpi.Op;
import dev.jmpi.testing.Ranks;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Operation descriptions are formatted only when an error or a report needs them: messages
 * that succeed (eager, rendezvous, synchronous, objects, probes, collectives) format none.
 */
@Timeout(120)
class OpTextTest {

    @Test
    void formatsOnceAndOnlyWhenAsked() {
        AtomicInteger calls = new AtomicInteger();
        OpText op = OpText.lazily(() -> "rank 0: send(dest=1, tag=" + calls.incrementAndGet() + ")");
        assertEquals(0, calls.get(), "nothing formatted before toString()");
        assertEquals("rank 0: send(dest=1, tag=1) failed", op + " failed");
        assertEquals("rank 0: send(dest=1, tag=1)", op.toString());
        assertEquals(1, calls.get(), "formatted once, then cached");
    }

    @Test
    void successfulMessagesFormatNoDescription() {
        long before = OpText.RENDERED.sum();
        Ranks.run(2, comm -> {
            int peer = 1 - comm.rank();
            traffic(comm, peer);
            traffic(comm, peer);
        });
        assertEquals(0, OpText.RENDERED.sum() - before, "descriptions formatted on the success path");
    }

    @Test
    void anErrorStillNamesTheOperation() {
        long before = OpText.RENDERED.sum();
        Ranks.run(2, comm -> {
            Communicator dup = comm.dup();
            dup.close();
            JmpiException e = assertThrows(JmpiException.class, () -> dup.send(new int[1], 0, 1, 1 - comm.rank(), 3));
            assertEquals(
                    "rank " + comm.rank() + ": send(dest=" + (1 - comm.rank())
                            + ", tag=3) on a communicator that was closed",
                    e.getMessage());
        });
        assertTrue(OpText.RENDERED.sum() - before >= 2, "the failing sends formatted their descriptions");
    }

    private static void traffic(Communicator comm, int peer) {
        int[] small = {comm.rank(), 7};
        int[] got = new int[2];
        double[] big = new double[1 << 18];
        double[] bigIn = new double[big.length];
        big[big.length - 1] = comm.rank() + 1;
        if (comm.rank() == 0) {
            comm.send(small, 0, 2, peer, 1);
            comm.ssend(small, 0, 2, peer, 2);
            comm.send(big, 0, big.length, peer, 3);
            comm.sendObject("hello", peer, 4);
            comm.send(small, 0, 2, peer, 5);
        } else {
            comm.recv(got, 0, 2, Communicator.ANY_SOURCE, 1);
            comm.recv(got, 0, 2, peer, Communicator.ANY_TAG);
            comm.recv(bigIn, 0, bigIn.length, peer, 3);
            assertEquals(1.0, bigIn[bigIn.length - 1]);
            assertEquals("hello", comm.recvObject(peer, 4));
            comm.probe(peer, 5);
            Message m = comm.mprobe(peer, 5);
            comm.mrecv(got, 0, 2, m);
            assertArrayEquals(new int[] {0, 7}, got);
        }
        comm.isendrecv(small, 0, 2, peer, 6, got, 0, 2, peer, 6).await();
        assertEquals(peer, got[0]);
        comm.barrier();
        int[] sum = new int[1];
        comm.allreduce(new int[] {comm.rank() + 1}, 0, sum, 0, 1, Op.SUM);
        assertEquals(3, sum[0]);
        comm.bcast(big, 0, big.length, 0);
        assertEquals(1.0, big[big.length - 1]);
    }
}
