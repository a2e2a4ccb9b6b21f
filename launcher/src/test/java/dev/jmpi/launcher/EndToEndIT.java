package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** jmpirun running a real jmpi program: rendezvous, mesh, point-to-point and a collective across 4 JVMs. */
@Timeout(180)
class EndToEndIT {

    @Test
    void fourRanksExchangeAndAllreduceThroughTheLaunchersRendezvous() {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "4", "--oversubscribe", "--timeout", "2m", Jmpirun.APPS + "RingAllreduce"));
        assertEquals(0, r.exitCode(), r.toString());
        for (int rank = 0; rank < 4; rank++) {
            assertTrue(r.out().contains("rank " + rank + " of 4: left=" + (rank + 3) % 4 + " sum=6"), r.toString());
        }
    }

    @Test
    void rankKilledMidJobIsReportedAsTheFirstFailure() {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean(
                "-n",
                "3",
                "--oversubscribe",
                "--timeout",
                "2m",
                "--grace",
                "3s",
                Jmpirun.APPS + "RingAllreduce",
                "die=2"));
        assertEquals(128 + 9, r.exitCode(), r.toString());
        assertTrue(
                r.err().contains("rank 2 (host ") && r.err().contains("failed first: killed by signal 9 (SIGKILL)"),
                r.toString());
    }
}
