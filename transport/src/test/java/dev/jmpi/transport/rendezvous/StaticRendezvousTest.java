package dev.jmpi.transport.rendezvous;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link StaticRendezvous} and {@link AdvertisedAddress}. */
class StaticRendezvousTest {

    @Test
    void parsedTableIsReturnedWithoutTalkingToAnyone() {
        StaticRendezvous r = StaticRendezvous.parse("rank-0:7100, rank-1:7101 [::1]:7102");
        List<RankAddress> table = r.exchange(new RankAddress(1, "rank-1", 7101, "x", 1), Duration.ZERO);
        assertEquals(3, table.size());
        assertEquals("rank-1:7101", table.get(1).hostPort());
        assertEquals("[::1]:7102", table.get(2).hostPort());
    }

    @Test
    void listeningOnAnotherPortThanTheTableSaysFailsWithTheFix() {
        StaticRendezvous r = StaticRendezvous.parse("a:7100,b:7100");
        RendezvousException e = assertThrows(
                RendezvousException.class, () -> r.exchange(new RankAddress(1, "b", 40000, "b", 1), Duration.ZERO));
        assertTrue(e.getMessage().contains("-Djmpi.port=7100"), e.getMessage());
    }

    @Test
    void malformedEntryIsNamed() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> StaticRendezvous.parse("a:7100,b"));
        assertEquals("address of rank 1 is 'b' (expected: host:port)", e.getMessage());
    }

    @Test
    void advertisedAddressAvoidsLoopbackWhenTheMachineHasANetwork() {
        String chosen = AdvertisedAddress.choose(null);
        assertTrue(!chosen.isEmpty());
        assertTrue(AdvertisedAddress.isLoopback("127.0.0.1"));
        assertTrue(!AdvertisedAddress.isLoopback("10.1.2.3"));
        assertTrue(AdvertisedAddress.isWildcard("0.0.0.0"));
        assertEquals("127.0.0.1", AdvertisedAddress.choose("lo"));
        assertEquals("localhost", AdvertisedAddress.choose("localhost"));
        assertThrows(IllegalArgumentException.class, () -> AdvertisedAddress.choose("no-such-host.invalid"));
    }
}
