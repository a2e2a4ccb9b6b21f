package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RankMapperTest {

    private static final List<HostSlots> AB = List.of(new HostSlots("a", 2, 0, "t"), new HostSlots("b", 2, 0, "t"));

    private static String hosts(List<Placement> placements) {
        return placements.stream().map(Placement::host).collect(Collectors.joining(","));
    }

    @Test
    void bySlotFillsEachHostInTurn() {
        List<Placement> p = RankMapper.map(AB, 4, MapBy.SLOT, false);
        assertEquals("a,a,b,b", hosts(p));
        assertEquals(
                List.of(
                        new Placement(0, "a", 0, 2),
                        new Placement(1, "a", 1, 2),
                        new Placement(2, "b", 0, 2),
                        new Placement(3, "b", 1, 2)),
                p);
    }

    @Test
    void byNodeGoesRoundTheHosts() {
        List<Placement> p = RankMapper.map(AB, 3, MapBy.NODE, false);
        assertEquals("a,b,a", hosts(p));
        assertEquals(new Placement(2, "a", 1, 2), p.get(2));
        assertEquals(new Placement(1, "b", 0, 1), p.get(1));
    }

    @Test
    void byNodeSkipsFullHosts() {
        List<HostSlots> hosts = List.of(new HostSlots("a", 1, 0, "t"), new HostSlots("b", 3, 0, "t"));
        assertEquals("a,b,b,b", hosts(RankMapper.map(hosts, 4, MapBy.NODE, false)));
    }

    @Test
    void moreRanksThanSlotsIsRefusedNamingTheOption() {
        UsageException e = assertThrows(UsageException.class, () -> RankMapper.map(AB, 5, MapBy.SLOT, false));
        assertTrue(
                e.getMessage().contains("-n 5")
                        && e.getMessage().contains("a:2,b:2")
                        && e.getMessage().contains("--oversubscribe"),
                e.getMessage());
    }

    @Test
    void oversubscribedRanksGoRoundAgain() {
        assertEquals("a,a,b,b,a,a,b", hosts(RankMapper.map(AB, 7, MapBy.SLOT, true)));
        assertEquals("a,b,a,b,a,b,a", hosts(RankMapper.map(AB, 7, MapBy.NODE, true)));
    }

    @Test
    void maxSlotsCapsOversubscription() {
        List<HostSlots> hosts = List.of(new HostSlots("a", 1, 2, "t"), new HostSlots("b", 1, 0, "t"));
        assertEquals("a,b,a,b,b", hosts(RankMapper.map(hosts, 5, MapBy.NODE, true)));
        List<HostSlots> capped = List.of(new HostSlots("a", 1, 2, "t"));
        UsageException e = assertThrows(UsageException.class, () -> RankMapper.map(capped, 3, MapBy.SLOT, true));
        assertTrue(e.getMessage().contains("max_slots=2"), e.getMessage());
    }
}
