package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.testing.Ranks;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flow control costs small messages nothing on the wire: a ping-pong carries its credit on
 * the replies (no credit frame, no rendezvous), and a one-way stream sends one credit frame
 * per half budget, not one per message.
 */
@Timeout(120)
class CreditBatchingTest {

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void pingPongOfSmallMessagesSendsNoCreditFramesAndNoRequestsToSend(Ranks.Wiring wiring) {
        int rounds = 2000;
        FlowSettings.with(
                64 * 1024,
                64 * 1024,
                () -> Ranks.builder().wiring(wiring).run(2, comm -> {
                    int peer = 1 - comm.rank();
                    int[] buf = new int[2];
                    for (int i = 0; i < rounds; i++) {
                        if (comm.rank() == 0) {
                            comm.send(new int[] {i, -i}, 0, 2, peer, 1);
                            comm.recv(buf, 0, 2, peer, 1);
                        } else {
                            comm.recv(buf, 0, 2, peer, 1);
                            comm.send(buf, 0, 2, peer, 1);
                        }
                        assertArrayEquals(new int[] {i, -i}, buf);
                    }
                    FlowControl flow = FlowSettings.flow(comm);
                    assertEquals(0, flow.rendezvousSends(), "a ping-pong never runs out of credit");
                    assertEquals(0, flow.creditFrames(), "credit rides on the replies");
                }));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void oneWayStreamReturnsCreditInBatchesOfHalfTheBudget(Ranks.Wiring wiring) {
        int messages = 1000;
        int ints = 256;
        long budget = 32 * 1024;
        long cost = 4L * ints + FlowConfig.MESSAGE_OVERHEAD_BYTES;
        FlowSettings.with(
                2 * budget,
                64 * 1024,
                () -> Ranks.builder().wiring(wiring).run(2, comm -> {
                    if (comm.rank() == 0) {
                        for (int i = 0; i < messages; i++) {
                            comm.send(FlowSettings.pattern(ints, i), 0, ints, 1, 0);
                        }
                    } else {
                        int[] in = new int[ints];
                        for (int i = 0; i < messages; i++) {
                            comm.recv(in, 0, ints, 0, 0);
                            assertArrayEquals(FlowSettings.pattern(ints, i), in);
                        }
                        long frames = FlowSettings.flow(comm).creditFrames();
                        assertTrue(frames <= messages * cost / (budget / 2), "credit frames " + frames);
                        assertTrue(frames > 0, "a one-way stream must return credit on its own");
                    }
                }));
    }
}
