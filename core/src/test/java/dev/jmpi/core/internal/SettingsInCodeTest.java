package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.testing.Ranks;
import dev.jmpi.testing.RanksFailedError;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Settings given in code to the in-process harness: above the process's, on every rank, checked. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SettingsInCodeTest {

    @Test
    void settingsGivenInCodeReachEveryRankAboveSystemProperties() {
        String old = System.getProperty("jmpi.unexpectedBytes");
        System.setProperty("jmpi.unexpectedBytes", "1k");
        try {
            List<Long> unexpected = Ranks.builder()
                    .wiring(Ranks.Wiring.IN_JVM)
                    .setting("jmpi.unexpectedBytes", "64k")
                    .setting("JMPI_CHECK_COLLECTIVES", "strict")
                    .setting("jmpi.collectiveStallMs", "250")
                    .call(3, comm -> {
                        JmpiConfig c = ((CommunicatorImpl) comm).world().config();
                        assertTrue(c.checks().strict(), "rank " + comm.rank());
                        assertEquals(
                                TimeUnit.MILLISECONDS.toNanos(250), c.checks().stallNanos());
                        comm.barrier();
                        return c.flow().unexpectedBytes();
                    });
            assertEquals(List.of(65536L, 65536L, 65536L), unexpected);
            long fromProperty = Ranks.builder()
                    .wiring(Ranks.Wiring.IN_JVM)
                    .call(
                            1,
                            comm -> ((CommunicatorImpl) comm)
                                    .world()
                                    .config()
                                    .flow()
                                    .unexpectedBytes())
                    .get(0);
            assertEquals(1024, fromProperty, "without the code setting the property applies");
        } finally {
            if (old == null) {
                System.clearProperty("jmpi.unexpectedBytes");
            } else {
                System.setProperty("jmpi.unexpectedBytes", old);
            }
        }
    }

    @Test
    void anUnknownSettingNameFailsNamingIt() {
        InvalidArgumentException e = assertThrows(
                InvalidArgumentException.class, () -> Ranks.builder().setting("jmpi.unexpectedBytez", "1k"));
        assertEquals(
                "setting jmpi.unexpectedBytez (expected: a jmpi.* or JMPI_* name listed in" + " docs/configuration.md)",
                e.getMessage());
    }

    @Test
    void aBadValueFailsTheRunNamingTheSettingAndThatItWasSetInCode() {
        Throwable e = assertThrows(
                Throwable.class,
                () -> Ranks.builder()
                        .wiring(Ranks.Wiring.IN_JVM)
                        .setting("jmpi.eagerLimitBytes", "lots")
                        .run(2, comm -> {}));
        String text = e instanceof RanksFailedError && e.getCause() != null
                ? e.getCause().getMessage()
                : e.getMessage();
        assertTrue(text.contains("jmpi.eagerLimitBytes=lots set in code (expected: a size"), text);
    }
}
