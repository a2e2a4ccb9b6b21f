package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.JmpiException;
import dev.jmpi.RankFailedException;
import dev.jmpi.testing.Ranks;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finalize waits for no peer, and a receive that only finalized ranks could match fails
 * instead of waiting for ever, after every message they sent has been received.
 */
@Timeout(120)
class FinalizeTest {

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void receiveFromARankThatFinalizedFailsAfterItsMessagesAreReceived(Ranks.Wiring wiring) {
        List<String> out = Ranks.builder().wiring(wiring).call(2, comm -> {
            if (comm.rank() == 1) {
                for (int i = 0; i < 3; i++) {
                    comm.send(new int[] {i}, 0, 1, 0, 5);
                }
                return "";
            }
            int[] got = new int[3];
            for (int i = 0; i < 3; i++) {
                comm.recv(got, i, 1, 1, 5);
            }
            assertArrayEquals(new int[] {0, 1, 2}, got);
            RankFailedException e = assertThrows(RankFailedException.class, () -> comm.recv(new int[1], 1, 5));
            assertEquals(1, e.failedRank());
            return e.getMessage();
        });
        assertTrue(
                out.get(0).startsWith("rank 0: recv(source=1, tag=5) failed: rank 1 (")
                        && out.get(0)
                                .contains(
                                        "finalized (closed its world communicator) without sending a message that matches"),
                out.get(0));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void anySourceReceiveFailsOnceEveryOtherRankFinalized(Ranks.Wiring wiring) {
        List<String> out = Ranks.builder().wiring(wiring).call(3, comm -> {
            if (comm.rank() != 0) {
                return "";
            }
            JmpiException e = assertThrows(
                    RankFailedException.class,
                    () -> comm.recv(new int[1], Communicator.ANY_SOURCE, Communicator.ANY_TAG));
            return e.getMessage();
        });
        assertTrue(out.get(0).startsWith("rank 0: recv(source=ANY_SOURCE, tag=ANY_TAG) failed: rank "), out.get(0));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void sendToARankThatFinalizedFailsNamingIt(Ranks.Wiring wiring) {
        List<String> out = Ranks.builder().wiring(wiring).call(2, comm -> {
            if (comm.rank() == 1) {
                return "";
            }
            assertThrows(RankFailedException.class, () -> comm.recv(new int[1], 1, 0));
            JmpiException e = assertThrows(RankFailedException.class, () -> comm.send(new int[1], 0, 1, 1, 0));
            return e.getMessage();
        });
        assertTrue(
                out.get(0).startsWith("rank 0: send(dest=1, tag=0) failed: rank 1 (")
                        && out.get(0).contains("has finalized"),
                out.get(0));
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void derivedCommunicatorFailsOnceTheWorldIsClosed(Ranks.Wiring wiring) {
        List<String> out = Ranks.builder().wiring(wiring).call(2, comm -> {
            Communicator dup = comm.dup();
            comm.close();
            return assertThrows(JmpiException.class, () -> dup.send(new int[1], 0, 1, 1 - dup.rank(), 0))
                    .getMessage();
        });
        assertEquals("rank 0: send(dest=1, tag=0) after the world communicator was closed (finalized)", out.get(0));
    }
}
