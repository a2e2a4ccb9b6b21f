package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.PersistentRequest;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.testing.Ranks;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class PersistentAndSendRecvRequestTest {

    @Test
    void persistentRequestsAreStartedAgainEveryRoundOfARingExchange() {
        Ranks.run(3, comm -> {
            int n = comm.size();
            int right = (comm.rank() + 1) % n;
            int left = (comm.rank() + n - 1) % n;
            long[] out = new long[4];
            long[] in = new long[4];
            PersistentRequest send = comm.sendInit(out, 0, out.length, right, 1);
            PersistentRequest recv = comm.recvInit(in, 0, in.length, left, 1);
            for (int round = 0; round < 50; round++) {
                java.util.Arrays.fill(out, 1000L * round + comm.rank());
                PersistentRequest.startAll(recv, send);
                Status[] st = Request.awaitAll(recv, send);
                assertEquals(left, st[0].source());
                assertEquals(4, st[0].count());
                long expected = 1000L * round + left;
                assertArrayEquals(new long[] {expected, expected, expected, expected}, in, "round " + round);
                assertFalse(recv.isActive());
            }
        });
    }

    @Test
    void anInactiveRequestTestsCompleteWithTheEmptyStatus() {
        Ranks.run(1, comm -> {
            PersistentRequest r = comm.recvInit(new int[1], 0, 1, Communicator.ANY_SOURCE, 0);
            assertTrue(r.test());
            assertFalse(r.isActive());
            assertEquals(Status.empty(), r.await());
            assertEquals(Optional.of(Status.empty()), r.status());
            assertEquals(Status.empty(), r.toCompletableFuture().join());
        });
    }

    @Test
    void startingAnActiveRequestFailsAndAPersistentSsendWaitsForItsReceiver() {
        Ranks.run(2, comm -> {
            int[] buf = {7};
            if (comm.rank() == 0) {
                PersistentRequest s = comm.ssendInit(buf, 0, 1, 1, 2);
                s.start();
                // Rank 1 posts its receive only after the barrier, so the ssend cannot be matched yet.
                assertFalse(s.test(), "a synchronous send completed before its receive was posted");
                IllegalStateException e = assertThrows(IllegalStateException.class, s::start);
                assertTrue(e.getMessage().contains("rank 0: ssendInit(dest=1, tag=2): start() while"), e.getMessage());
                comm.barrier();
                s.await();
                buf[0] = 8;
                s.start();
                s.await();
            } else {
                PersistentRequest r = comm.recvInit(buf, 0, 1, 0, 2);
                comm.barrier();
                r.start();
                assertEquals(1, r.await().count());
                assertEquals(7, buf[0]);
                r.start();
                r.await();
                assertEquals(8, buf[0]);
            }
        });
    }

    @Test
    void persistentRequestArgumentsAreCheckedWhenItIsMade() {
        Ranks.run(2, comm -> {
            InvalidArgumentException e =
                    assertThrows(InvalidArgumentException.class, () -> comm.sendInit(new int[1], 0, 1, 9, 0));
            assertTrue(e.getMessage().contains("dest=9 (expected: 0 <= dest < size=2"), e.getMessage());
            assertThrows(InvalidArgumentException.class, () -> comm.recvInit(new int[1], 0, 2, 0, 0));
            assertThrows(InvalidArgumentException.class, () -> comm.ssendInit(new int[1], 0, 1, 0, -5));
        });
    }

    @Test
    void aCancelledPersistentReceiveCanBeStartedAgain() {
        Ranks.run(2, comm -> {
            int[] buf = new int[1];
            if (comm.rank() == 1) {
                PersistentRequest r = comm.recvInit(buf, 0, 1, 0, 3);
                r.start();
                assertTrue(r.cancel());
                assertTrue(r.await().isCancelled());
                comm.barrier();
                r.start();
                r.await();
                assertEquals(5, buf[0]);
            } else {
                comm.barrier();
                comm.send(new int[] {5}, 1, 3);
            }
        });
    }

    @Test
    void isendrecvExchangesAroundARingWithoutBlocking() {
        Ranks.run(4, comm -> {
            int n = comm.size();
            int right = (comm.rank() + 1) % n;
            int left = (comm.rank() + n - 1) % n;
            double[] in = new double[3];
            Request r = comm.isendrecv(new double[] {comm.rank(), 1, 2}, 0, 3, right, 4, in, 0, 3, left, 4);
            Status s = r.await();
            assertEquals(left, s.source());
            assertEquals(3, s.count());
            assertArrayEquals(new double[] {left, 1, 2}, in);
            assertTrue(r.test());
            assertEquals(Optional.of(s), r.status());
            assertEquals(s, r.toCompletableFuture().join());
        });
    }

    @Test
    void isendrecvReplaceSendsTheOldContentsAndReceivesInPlace() {
        Ranks.run(3, comm -> {
            int n = comm.size();
            int right = (comm.rank() + 1) % n;
            int left = (comm.rank() + n - 1) % n;
            int[] buf = {comm.rank(), 10 * comm.rank()};
            Request r = comm.isendrecvReplace(buf, 0, 2, right, 5, left, 5);
            assertEquals(left, r.await().source());
            assertArrayEquals(new int[] {left, 10 * left}, buf);
        });
    }

    @Test
    void aBadSendArgumentOfIsendrecvLeavesNoReceivePosted() {
        Ranks.run(2, comm -> {
            int other = 1 - comm.rank();
            int[] in = new int[1];
            assertThrows(
                    InvalidArgumentException.class, () -> comm.isendrecv(new int[1], 0, 1, 7, 0, in, 0, 1, other, 6));
            assertThrows(InvalidArgumentException.class, () -> comm.isendrecvReplace(in, 0, 1, 0, -1, other, 6));
            // Had a receive stayed posted, it would take this message instead of the recv below.
            comm.send(new int[] {40 + comm.rank()}, other, 6);
            int[] got = new int[1];
            comm.recv(got, other, 6);
            assertEquals(40 + other, got[0]);
            assertEquals(0, in[0]);
        });
    }

    @Test
    void isendrecvWithProcNullOnBothSidesCompletesAtOnce() {
        Ranks.run(1, comm -> {
            Request r = comm.isendrecv(
                    new int[1], 0, 1, Communicator.PROC_NULL, 0, new int[1], 0, 1, Communicator.PROC_NULL, 0);
            assertTrue(r.test());
            assertEquals(Status.procNull(), r.await());
        });
    }
}
