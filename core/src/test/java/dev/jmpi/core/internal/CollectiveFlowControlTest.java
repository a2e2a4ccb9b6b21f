package dev.jmpi.core.internal;

import static dev.jmpi.core.internal.FlowSettings.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Op;
import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Collective traffic under the same flow control as point-to-point: a rank that enters its
 * collectives late holds at most its credit budget of eager collective data from each peer,
 * and larger messages wait at their senders as requests-to-send until the receive is posted.
 */
@Timeout(120)
class CollectiveFlowControlTest {

    /** Ints in a message above the eager limit used here (64 KiB). */
    private static final int LARGE = 40_000;

    private static final long BUDGET = 8 * 1024;

    private static ContextQueues coll(Communicator comm) {
        return ((CommunicatorImpl) comm).collectiveQueues();
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void lateRankHoldsNoMoreEagerCollectiveDataThanItsBudget(Ranks.Wiring wiring) {
        int calls = 100;
        FlowSettings.with(
                2 * BUDGET,
                64 * 1024,
                () -> Ranks.builder().wiring(wiring).run(2, comm -> {
                    if (comm.rank() == 0) {
                        List<Request> bcasts = new ArrayList<>();
                        List<int[]> sent = new ArrayList<>();
                        for (int i = 0; i < calls; i++) {
                            int[] a = pattern(25, i * 100);
                            sent.add(a);
                            bcasts.add(comm.ibcast(a, 0, a.length, 0));
                        }
                        // Every bcast has been started: its sends (eager or request-to-send) are out.
                        comm.send(new int[1], 1, 0);
                        bcasts.forEach(Request::await);
                        comm.recv(new int[1], 1, 1);
                        assertEquals(
                                BUDGET,
                                FlowSettings.flow(comm).credits().available(1),
                                "every eager collective message was matched, so all its credit came back");
                        comm.barrier();
                    } else {
                        comm.recv(new int[1], 0, 0);
                        ContextQueues q = coll(comm);
                        assertTrue(q.heldEagerBytes() <= BUDGET, "held " + q.heldEagerBytes() + " > budget " + BUDGET);
                        assertTrue(
                                q.heldRequestsToSend() > 0,
                                "collective messages beyond the budget wait as requests-to-send");
                        for (int i = 0; i < calls; i++) {
                            int[] in = new int[25];
                            comm.ibcast(in, 0, in.length, 0).await();
                            assertArrayEquals(pattern(25, i * 100), in, "bcast " + i);
                        }
                        comm.send(new int[1], 0, 1);
                        comm.barrier();
                    }
                }));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void collectiveMessagesAboveTheEagerLimitWaitAtTheSenderUntilTheRankEnters(Ranks.Wiring wiring) {
        FlowSettings.with(
                32L << 20,
                64 * 1024,
                () -> Ranks.builder().wiring(wiring).run(3, comm -> {
                    int[] data = comm.rank() == 0 ? pattern(LARGE, 7) : new int[LARGE];
                    if (comm.rank() == 0) {
                        long before = FlowSettings.flow(comm).rendezvousSends();
                        Request r = comm.ibcast(data, 0, LARGE, 0);
                        comm.send(new int[1], 1, 0);
                        comm.send(new int[1], 2, 0);
                        r.await();
                        assertTrue(
                                FlowSettings.flow(comm).rendezvousSends() > before,
                                "the large bcast went by rendezvous");
                    } else {
                        comm.recv(new int[1], 0, 0);
                        assertTrue(
                                coll(comm).heldEagerBytes() < LARGE,
                                "held " + coll(comm).heldEagerBytes() + " bytes of a bcast this rank has not entered");
                        comm.ibcast(data, 0, LARGE, 0).await();
                        assertArrayEquals(pattern(LARGE, 7), data);
                    }
                    long[] sum = new long[LARGE];
                    long[] mine = new long[LARGE];
                    java.util.Arrays.fill(mine, comm.rank() + 1);
                    comm.allreduce(mine, 0, sum, 0, LARGE, Op.SUM);
                    assertEquals(6, sum[LARGE - 1]);
                }));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void everyCollectiveCompletesWhenEveryMessageGoesByRendezvous(Ranks.Wiring wiring) {
        FlowSettings.with(
                0,
                0,
                () -> Ranks.builder().wiring(wiring).run(5, comm -> {
                    int n = 1000;
                    int[] buf = comm.rank() == 2 ? pattern(n, 3) : new int[n];
                    comm.bcast(buf, 0, n, 2);
                    assertArrayEquals(pattern(n, 3), buf);
                    int[] sum = new int[n];
                    comm.allreduce(buf, 0, sum, 0, n, Op.SUM);
                    assertEquals(5 * (3 + n - 1), sum[n - 1]);
                    int[] all = new int[5 * n];
                    comm.allgather(buf, 0, n, all, 0, n);
                    assertEquals(buf[7], all[4 * n + 7]);
                    int[] part = new int[n];
                    comm.scatter(all, 0, n, part, 0, n, 0);
                    assertArrayEquals(buf, part);
                    comm.reduce(buf, 0, sum, 0, n, Op.MAX, 4);
                    int[] swapped = new int[5 * n];
                    comm.alltoall(all, 0, n, swapped, 0, n);
                    comm.barrier();
                    assertTrue(FlowSettings.flow(comm).rendezvousSends() > 0);
                }));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void everyAllreduceAlgorithmCompletesWhenEveryMessageGoesByRendezvous(Ranks.Wiring wiring) {
        String key = CoreSettings.ALLREDUCE_ALGORITHM.property();
        for (String algorithm : new String[] {"ring", "rabenseifner", "recursive-doubling"}) {
            for (int ranks : new int[] {4, 5}) {
                System.setProperty(key, algorithm);
                try {
                    FlowSettings.with(
                            0,
                            0,
                            () -> Ranks.builder().wiring(wiring).run(ranks, comm -> {
                                int n = 1000;
                                int[] sum = new int[n];
                                comm.allreduce(pattern(n, comm.rank()), 0, sum, 0, n, Op.SUM);
                                int base = ranks * (ranks - 1) / 2;
                                for (int i = 0; i < n; i++) {
                                    assertEquals(base + ranks * i, sum[i], algorithm + " P=" + ranks + " element " + i);
                                }
                                assertTrue(FlowSettings.flow(comm).rendezvousSends() > 0);
                            }));
                } finally {
                    System.clearProperty(key);
                }
            }
        }
    }
}
