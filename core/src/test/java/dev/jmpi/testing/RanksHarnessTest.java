package dev.jmpi.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class RanksHarnessTest {

    @Test
    void callReturnsEveryRanksResultInRankOrder() {
        List<Integer> sizes = Ranks.call(5, comm -> comm.rank() * 10 + comm.size());
        assertEquals(List.of(5, 15, 25, 35, 45), sizes);
    }

    @Test
    void aFailingRankIsNamedAndTheOthersDoNotHangOnIt() {
        RanksFailedError e = assertThrows(
                RanksFailedError.class,
                () -> Ranks.run(4, comm -> {
                    if (comm.rank() == 2) {
                        throw new IllegalStateException("boom on two");
                    }
                    // The others wait for rank 2 forever unless its failure aborts them.
                    comm.recv(new int[1], 2, 0);
                }));
        assertEquals(2, e.rank());
        assertTrue(e.getMessage().startsWith("rank 2 of 4 failed first"), e.getMessage());
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals(3, e.getSuppressed().length, "the other ranks' failures are attached");
        assertTrue(
                e.getSuppressed()[0].getMessage().contains("world rank 2 failed"), e.getSuppressed()[0].getMessage());
    }

    @Test
    void aHangEndsAtTheTimeoutListingWhatEachRankIsBlockedIn() {
        RanksFailedError e = assertThrows(
                RanksFailedError.class,
                () -> Ranks.builder()
                        .timeout(Duration.ofSeconds(2))
                        .run(2, comm -> comm.recv(new int[1], 1 - comm.rank(), 7)));
        assertEquals(-1, e.rank());
        assertTrue(e.getMessage().contains("  rank 0 blocked in recv(source=1, tag=7) for "), e.getMessage());
        assertTrue(e.getMessage().contains("  rank 1 blocked in recv(source=0, tag=7) for "), e.getMessage());
        assertFalse(e.getMessage().contains("rank 0: rank 0"), e.getMessage());
    }
}
