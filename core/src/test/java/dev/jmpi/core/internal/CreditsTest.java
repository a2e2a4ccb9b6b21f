package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.config.ConfigSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreditsTest {

    @Test
    void senderSpendsItsBudgetPerPeerAndNoMore() {
        Credits c = new Credits(3, 1000);
        assertTrue(c.tryTake(1, 600));
        assertFalse(c.tryTake(1, 401), "over budget: must go by rendezvous");
        assertEquals(400, c.available(1));
        assertTrue(c.tryTake(2, 1000), "each peer has its own budget");
        c.untake(1, 600);
        assertEquals(1000, c.available(1));
    }

    @Test
    void receiverReturnsCreditOnlyOnceHalfTheBudgetIsOwed() {
        Credits receiver = new Credits(2, 1000);
        assertEquals(0, receiver.consumed(0, 300));
        assertEquals(0, receiver.consumed(0, 199));
        assertEquals(500, receiver.consumed(0, 1), "half the budget: returned in a frame of its own");
        assertEquals(0, receiver.takeOwed(0), "nothing left to piggyback");
    }

    @Test
    void owedCreditRidesOnTheNextFrameInstead() {
        Credits sender = new Credits(2, 1000);
        Credits receiver = new Credits(2, 1000);
        assertTrue(sender.tryTake(1, 72));
        assertEquals(0, receiver.consumed(0, 72));
        long piggybacked = receiver.takeOwed(0);
        assertEquals(72, piggybacked);
        sender.returned(1, piggybacked);
        assertEquals(1000, sender.available(1), "a ping-pong keeps the budget full with no credit frame");
    }

    @Test
    void budgetIsTheUnexpectedBoundSplitAcrossTheRanks() {
        FlowConfig c = flow(Map.of("JMPI_UNEXPECTED_BYTES", "4000", "JMPI_EAGER_LIMIT_BYTES", "100"), Map.of());
        assertEquals(1000, c.perPeerBytes(4));
        assertEquals(100, c.eagerLimitBytes());
        assertEquals(
                8000,
                flow(Map.of("JMPI_UNEXPECTED_BYTES", "4000"), Map.of("jmpi.unexpectedBytes", "8000"))
                        .unexpectedBytes(),
                "the system property wins over the environment");
        assertEquals(
                64 << 10,
                flow(Map.of("JMPI_EAGER_LIMIT_BYTES", "64k"), Map.of()).eagerLimitBytes());
        FlowConfig d = flow(Map.of(), Map.of());
        assertEquals(FlowConfig.DEFAULT_EAGER_LIMIT_BYTES, d.eagerLimitBytes());
        assertEquals(FlowConfig.DEFAULT_UNEXPECTED_BYTES, d.unexpectedBytes());
    }

    @Test
    void malformedSettingNamesItsKeyAndSource() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> flow(Map.of(), Map.of("jmpi.eagerLimitBytes", "64x")));
        assertTrue(
                e.getMessage()
                        .startsWith("jmpi.eagerLimitBytes=64x from system property jmpi.eagerLimitBytes"
                                + " (expected: a size"),
                e.getMessage());
    }

    private static FlowConfig flow(Map<String, String> env, Map<String, String> props) {
        return JmpiConfig.from(ConfigSource.of(env, props)).flow();
    }
}
