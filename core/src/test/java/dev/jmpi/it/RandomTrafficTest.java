package dev.jmpi.it;

import dev.jmpi.testing.Ranks;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(180)
class RandomTrafficTest {

    @ParameterizedTest(name = "{0} ranks, seed {1}")
    @CsvSource({"1, 11", "2, 12", "3, 13", "4, 14", "5, 15", "6, 16", "7, 17", "8, 18"})
    void everyMessageArrivesExactlyOnceInSenderOrderOverLoopback(int ranks, long seed) {
        Ranks.run(ranks, comm -> RandomTraffic.run(comm, seed, 2));
    }

    @ParameterizedTest(name = "{0} ranks, seed {1}")
    @CsvSource({"3, 21", "8, 22"})
    void everyMessageArrivesExactlyOnceInSenderOrderInJvm(int ranks, long seed) {
        Ranks.builder().wiring(Ranks.Wiring.IN_JVM).run(ranks, comm -> RandomTraffic.run(comm, seed, 3));
    }
}
