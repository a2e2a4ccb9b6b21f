package dev.jmpi.core.internal;

import static dev.jmpi.core.internal.FlowSettings.pattern;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.JmpiException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.proto.DataType;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import dev.jmpi.testing.Ranks;
import dev.jmpi.testing.RanksFailedError;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The flow-control protocol, over the in-JVM fabric and real loopback sockets: eager
 * messages within credit, rendezvous above the eager limit or without credit, and MPI's
 * matching rules across both.
 */
@Timeout(120)
class FlowControlTest {

    /** Ints in a message above the default eager limit of 1 MiB. */
    private static final int LARGE = 300_000;

    private static final int SMALL = 10;

    private static Ranks.Builder ranks(Ranks.Wiring wiring) {
        return Ranks.builder().wiring(wiring);
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void rendezvousKeepsItsPlaceAmongEagerMessagesOfTheSameSender(Ranks.Wiring wiring) {
        int messages = 10;
        ranks(wiring).run(2, comm -> {
            if (comm.rank() == 0) {
                List<Request> sends = new ArrayList<>();
                for (int i = 0; i < messages; i++) {
                    sends.add(FlowSettings.isend(comm, pattern(i % 2 == 0 ? SMALL : LARGE, i * 1_000_000), 1, 7));
                }
                comm.barrier();
                sends.forEach(Request::await);
            } else {
                comm.barrier();
                assertEquals(
                        messages / 2,
                        FlowSettings.p2p(comm).heldRequestsToSend(),
                        "every large message waits as a request-to-send");
                for (int i = 0; i < messages; i++) {
                    int[] in = new int[LARGE];
                    Status s = comm.recv(in, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                    int n = i % 2 == 0 ? SMALL : LARGE;
                    assertEquals(n, s.count(), "message " + i + " arrives in send order");
                    assertArrayEquals(pattern(n, i * 1_000_000), Arrays.copyOf(in, n));
                }
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void probeOfARequestToSendReportsTheMessageCount(Ranks.Wiring wiring) {
        ranks(wiring).run(2, comm -> {
            if (comm.rank() == 0) {
                Request r = FlowSettings.isend(comm, pattern(LARGE, 5), 1, 3);
                comm.barrier();
                r.await();
            } else {
                comm.barrier();
                Optional<Status> quick = comm.iprobe(0, 3);
                assertTrue(quick.isPresent());
                assertEquals(LARGE, quick.get().count());
                Status s = comm.probe(Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                assertEquals(0, s.source());
                assertEquals(3, s.tag());
                assertEquals(LARGE, s.count());
                int[] in = new int[s.count()];
                assertEquals(LARGE, comm.recv(in, s.source(), s.tag()).count());
                assertArrayEquals(pattern(LARGE, 5), in);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void anySourceReceivesMatchRequestsToSendFromEveryRank(Ranks.Wiring wiring) {
        ranks(wiring).run(3, comm -> {
            if (comm.rank() != 0) {
                comm.send(pattern(LARGE, comm.rank() * 1_000_000), 0, comm.rank());
            } else {
                boolean[] seen = new boolean[3];
                for (int i = 0; i < 2; i++) {
                    int[] in = new int[LARGE];
                    Status s = comm.recv(in, Communicator.ANY_SOURCE, Communicator.ANY_TAG);
                    assertEquals(s.source(), s.tag());
                    assertArrayEquals(pattern(LARGE, s.source() * 1_000_000), in);
                    seen[s.source()] = true;
                }
                assertTrue(seen[1] && seen[2]);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void lateReceiverHoldsNoMoreEagerDataThanItsBudgetAndCreditComesBack(Ranks.Wiring wiring) {
        int messages = 200;
        long budget = 8 * 1024;
        FlowSettings.with(
                2 * budget,
                64 * 1024,
                () -> ranks(wiring).run(2, comm -> {
                    assertEquals(budget, FlowSettings.flow(comm).credits().budgetBytes());
                    if (comm.rank() == 0) {
                        List<Request> sends = new ArrayList<>();
                        for (int i = 0; i < messages; i++) {
                            sends.add(FlowSettings.isend(comm, pattern(25, i * 100), 1, i));
                        }
                        comm.barrier();
                        sends.forEach(Request::await);
                        comm.recv(new int[1], 1, 0);
                        // Checked before the barrier: its own frames take credit too (collectives are under flow
                        // control).
                        assertEquals(
                                budget,
                                FlowSettings.flow(comm).credits().available(1),
                                "every eager message was matched, so all its credit came back");
                        comm.barrier();
                    } else {
                        comm.barrier();
                        ContextQueues q = FlowSettings.p2p(comm);
                        assertTrue(q.heldEagerBytes() <= budget, "held " + q.heldEagerBytes() + " > budget " + budget);
                        assertTrue(q.heldRequestsToSend() > 0, "messages beyond the budget wait as requests-to-send");
                        for (int i = messages - 1; i >= 0; i--) {
                            int[] in = new int[25];
                            comm.recv(in, 0, i);
                            assertArrayEquals(pattern(25, i * 100), in, "message " + i);
                        }
                        comm.send(new int[1], 0, 0);
                        comm.barrier();
                    }
                }));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void pendingSendsCompleteOnlyOnceTheReceiverPosts(Ranks.Wiring wiring) {
        ranks(wiring).run(2, comm -> {
            if (comm.rank() == 0) {
                Request big = FlowSettings.isend(comm, pattern(LARGE, 0), 1, 1);
                Request sync = FlowSettings.issend(comm, pattern(SMALL, 0), 1, 2);
                Request syncBig = FlowSettings.issend(comm, pattern(LARGE, 1), 1, 3);
                assertFalse(big.test(), "a rendezvous isend waits for its receive");
                assertFalse(sync.test(), "an ssend waits for its match");
                assertFalse(syncBig.test());
                assertFalse(big.cancel(), "a send whose request-to-send is out cannot be taken back");
                comm.barrier();
                assertEquals(LARGE, big.await().count());
                sync.await();
                syncBig.await();
            } else {
                comm.barrier();
                int[] in = new int[LARGE];
                comm.recv(in, 0, 3);
                assertArrayEquals(pattern(LARGE, 1), in);
                comm.recv(in, 0, 2);
                comm.recv(in, 0, 1);
                assertArrayEquals(pattern(LARGE, 0), in);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void cancelledReceiveLeavesTheRequestToSendForTheNextReceive(Ranks.Wiring wiring) {
        ranks(wiring).run(2, comm -> {
            if (comm.rank() == 0) {
                comm.barrier();
                comm.send(pattern(LARGE, 9), 1, 5);
            } else {
                Request first = FlowSettings.irecv(comm, new int[LARGE], 0, 5);
                assertTrue(first.cancel());
                assertTrue(first.await().isCancelled());
                comm.barrier();
                int[] in = new int[LARGE];
                assertEquals(LARGE, comm.recv(in, 0, 5).count());
                assertArrayEquals(pattern(LARGE, 9), in);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void zeroLengthAndProcNullWorkWhenEverythingGoesByRendezvous(Ranks.Wiring wiring) {
        FlowSettings.with(
                0,
                0,
                () -> ranks(wiring).run(2, comm -> {
                    if (comm.rank() == 0) {
                        Request empty = FlowSettings.isend(comm, new int[0], 1, 4);
                        comm.send(new int[3], Communicator.PROC_NULL, 4);
                        assertFalse(empty.test(), "without credit even an empty message waits for its receive");
                        comm.barrier();
                        empty.await();
                        comm.send(pattern(SMALL, 3), 1, 6);
                    } else {
                        comm.barrier();
                        assertEquals(0, comm.probe(0, 4).count());
                        assertEquals(0, comm.recv(new int[0], 0, 4).count());
                        assertEquals(
                                Communicator.PROC_NULL,
                                comm.recv(new int[1], Communicator.PROC_NULL, 4).source());
                        int[] in = new int[SMALL];
                        comm.recv(in, 0, 6);
                        assertArrayEquals(pattern(SMALL, 3), in);
                    }
                }));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void receiveTooSmallForARendezvousMessageFailsAndTheSenderStillFinishes(Ranks.Wiring wiring) {
        ranks(wiring).run(2, comm -> {
            if (comm.rank() == 0) {
                comm.send(pattern(LARGE, 0), 1, 1);
                comm.send(pattern(SMALL, 0), 1, 2);
            } else {
                assertThrows(dev.jmpi.TruncationException.class, () -> comm.recv(new int[SMALL], 0, 1));
                int[] in = new int[SMALL];
                comm.recv(in, 0, 2);
                assertArrayEquals(pattern(SMALL, 0), in);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void senderWaitingForClearToSendFailsWhenTheReceiverDies(Ranks.Wiring wiring) {
        AtomicReference<JmpiException> seen = new AtomicReference<>();
        RanksFailedError e = assertThrows(
                RanksFailedError.class,
                () -> ranks(wiring).run(2, comm -> {
                    if (comm.rank() == 0) {
                        comm.barrier();
                        try {
                            comm.send(pattern(LARGE, 0), 1, 1);
                        } catch (JmpiException failure) {
                            seen.set(failure);
                        }
                    } else {
                        comm.barrier();
                        throw new IllegalStateException("rank 1 gives up before receiving");
                    }
                }));
        assertTrue(e.getMessage().contains("rank 1"), e.getMessage());
        assertNotNull(seen.get(), "the pending rendezvous send failed instead of hanging");
        assertTrue(
                seen.get().getMessage().contains("send(dest=1, tag=1)"),
                seen.get().getMessage());
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void receiveWaitingForRendezvousDataFailsWhenTheSenderDies(Ranks.Wiring wiring) {
        AtomicReference<JmpiException> seen = new AtomicReference<>();
        assertThrows(
                RanksFailedError.class,
                () -> ranks(wiring).run(2, comm -> {
                    if (comm.rank() == 0) {
                        // A request-to-send whose data will never come: the sender dies after it.
                        World world = ((CommunicatorImpl) comm).world();
                        Header rts = Header.newBuilder()
                                .setKind(Kind.P2P)
                                .setContext(0)
                                .setSource(0)
                                .setTag(8)
                                .setDataType(DataType.INT)
                                .setCount(LARGE)
                                .setSequence(world.nextSequence())
                                .setRequestToSend(true)
                                .setMessageBytes(4L * LARGE)
                                .build();
                        world.send(1, rts, Unpooled.EMPTY_BUFFER, OpText.of("test"));
                        comm.barrier();
                        comm.barrier();
                        throw new IllegalStateException("rank 0 dies mid-rendezvous");
                    } else {
                        Request r = FlowSettings.irecv(comm, new int[LARGE], 0, 8);
                        comm.barrier();
                        assertFalse(r.test());
                        comm.barrier();
                        try {
                            r.await();
                        } catch (JmpiException failure) {
                            seen.set(failure);
                        }
                    }
                }));
        assertNotNull(seen.get(), "the receive waiting for data failed instead of hanging");
        assertTrue(
                seen.get().getMessage().contains("recv(source=0, tag=8)"),
                seen.get().getMessage());
    }
}
