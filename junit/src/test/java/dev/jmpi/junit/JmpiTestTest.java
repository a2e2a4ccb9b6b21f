package dev.jmpi.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Op;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@Timeout(120)
class JmpiTestTest {

    @JmpiTest(ranks = 4)
    void jmpiTestRunsTheMethodOnEveryRank(Communicator comm) {
        int[] out = new int[1];
        comm.allreduce(new int[] {comm.rank()}, out, Op.SUM);
        assertEquals(6, out[0]);
    }

    @JmpiTest(ranks = 3, loopback = false)
    void jmpiTestCanUseTheInJvmTransport(Communicator comm) {
        assertEquals(3, comm.size());
        comm.barrier();
    }

    /** Run only through the launcher below: one rank fails, so the test must fail naming it. */
    static class OneRankFails {
        @JmpiTest(ranks = 3)
        void rankTwoFails(Communicator comm) {
            if (comm.rank() == 2) {
                throw new IllegalStateException("rank two says no");
            }
            comm.recv(new int[1], 2, 0);
        }
    }

    @Test
    void aFailingRankFailsTheTestNamingTheRank() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create()
                .execute(
                        LauncherDiscoveryRequestBuilder.request()
                                .selectors(DiscoverySelectors.selectClass(OneRankFails.class))
                                .build(),
                        listener);
        TestExecutionSummary summary = listener.getSummary();
        assertEquals(1, summary.getTestsFailedCount());
        List<TestExecutionSummary.Failure> failures = summary.getFailures();
        String message = failures.get(0).getException().getMessage();
        assertTrue(message.startsWith("rank 2 of 3 failed first"), message);
    }
}
