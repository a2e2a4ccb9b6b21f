package com.example.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Communicator;
import dev.jmpi.junit.JmpiTest;
import java.util.List;

/** Unit tests: four ranks as threads in this JVM, no containers. */
class PiEstimateTest {

    @JmpiTest(ranks = 4)
    void everyRankGetsTheSameEstimateNearPi(Communicator comm) {
        double estimate = PiEstimate.round(comm, 200_000, 1);
        assertEquals(Math.PI, estimate, 0.02);
        List<Double> all = comm.allgatherObject(estimate);
        assertEquals(List.of(estimate, estimate, estimate, estimate), all);
    }

    @JmpiTest(ranks = 3, loopback = false)
    void theEstimateIsTheSequentialOne(Communicator comm) {
        long hits = 0;
        for (int r = 0; r < 3; r++) {
            hits += PiEstimate.hits(50_000, 31L * 2 + r);
        }
        assertEquals(4.0 * hits / 150_000, PiEstimate.round(comm, 50_000, 2), 0.0);
    }
}
