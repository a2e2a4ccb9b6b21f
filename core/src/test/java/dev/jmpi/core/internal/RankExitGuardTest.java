package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.transport.InJvmFabric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a rank's exit hook does with its reporter (the launcher's lifeline). */
@Timeout(60)
class RankExitGuardTest {

    /** Records the calls a world makes on its reporter. */
    private static final class Recording implements JobReporter {
        final List<String> calls = new ArrayList<>();

        @Override
        public void finalized() {
            calls.add("finalized");
        }

        @Override
        public void failed(int originRank, String cause, String detail) {
            calls.add("failed");
        }

        @Override
        public void endMark(String name) {
            calls.add(name);
        }

        @Override
        public void processExiting() {
            calls.add("exiting");
        }
    }

    private static World world(Recording reporter) {
        World w = new World(InJvmFabric.create(1).get(0), true, JmpiConfig.defaults());
        w.closeAtExit();
        w.reportTo(reporter);
        return w;
    }

    @Test
    void aFinalizedRankReleasesItsLifelineLastAtExit() {
        Recording reporter = new Recording();
        World w = world(reporter);
        w.finalizeLocally();
        RankExitGuard.atExit(w, true);
        // Without it the lifeline's reader stays blocked in a socket read and the JVM's exit waits ~300 ms.
        assertEquals(List.of("finalized", "exit hook ran", "transport closed", "exiting"), reporter.calls);
    }

    @Test
    void aFinalizedRankMarksEachStepOfItsEndBeforeReleasingItsLifeline() {
        Recording reporter = new Recording();
        World w = world(reporter);
        new WorldCommunicator(w, Duration.ZERO, () -> {}).close();
        RankExitGuard.atExit(w, true);
        // Under --timeline the lifeline sends these marks when told the process is exiting: they must all be in.
        assertEquals(
                List.of("finalize called", "finalized", "exit hook ran", "transport closed", "exiting"),
                reporter.calls);
    }

    @Test
    void aRankExitingWithoutFinalizingKeepsItsLifeline() {
        Recording reporter = new Recording();
        World w = world(reporter);
        RankExitGuard.atExit(w, true);
        // jmpirun must see this rank's process end without FINALIZED, and judge it from that.
        assertEquals(List.of(), reporter.calls);
        w.close();
    }
}
