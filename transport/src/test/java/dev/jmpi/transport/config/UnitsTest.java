package dev.jmpi.transport.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** {@link Units}: the one way sizes and durations are written. */
class UnitsTest {

    @Test
    void sizesTakeBinarySuffixesInEitherCase() {
        assertEquals(1024, Units.parseBytes("1k"));
        assertEquals(64L << 20, Units.parseBytes("64m"));
        assertEquals(64L << 20, Units.parseBytes("64MiB"));
        assertEquals(2L << 30, Units.parseBytes("2G"));
        assertEquals(3L << 40, Units.parseBytes("3tb"));
        assertEquals(4096, Units.parseBytes(" 4096 "));
        assertEquals(7, Units.parseBytes("7b"));
        assertEquals(64L << 10, Units.parseBytes("64 KiB"));
    }

    @Test
    void malformedOrOverflowingSizesAreRejected() {
        for (String bad : new String[] {
            "", "-1", "1x", "k", "1.5m", "1ib", "1kbb", "1 2", "1 k b", "99999999999t", "99999999999999999999"
        }) {
            assertThrows(IllegalArgumentException.class, () -> Units.parseBytes(bad), bad);
        }
    }

    @Test
    void durationsTakeUnitsAndBareNumbersOnlyWhereAllowed() {
        assertEquals(Duration.ofMillis(500), Units.parseDuration("500ms", null));
        assertEquals(Duration.ofSeconds(30), Units.parseDuration("30s", null));
        assertEquals(Duration.ofMinutes(5), Units.parseDuration("5m", null));
        assertEquals(Duration.ofHours(1), Units.parseDuration("1h", null));
        assertEquals(Duration.ofNanos(250_000), Units.parseDuration("250us", null));
        assertEquals(Duration.ofSeconds(30), Units.parseDuration("PT30S", null));
        assertEquals(Duration.ZERO, Units.parseDuration("0", null));
        assertEquals(Duration.ofMillis(1500), Units.parseDuration("1500", ChronoUnit.MILLIS));
        assertEquals(Duration.ofSeconds(30), Units.parseDuration("30", ChronoUnit.SECONDS));
        assertEquals(Duration.ofMinutes(90), Units.parseDuration("1h30m", null));
        assertEquals(Duration.ofMillis(2500), Units.parseDuration("2s500ms", null));
        assertEquals(Duration.ofNanos(1_000), Units.parseDuration("1µs", null));
        assertEquals(Duration.ofMinutes(1).plusMillis(5), Units.parseDuration("1m5ms", null));
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("30", null));
        for (String bad : new String[] {"", "-3s", "-PT3S", "5 m", "m5", "5x", "1h30", "99999999999999999999d"}) {
            assertThrows(IllegalArgumentException.class, () -> Units.parseDuration(bad, ChronoUnit.SECONDS), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> Units.parseDuration("soon", ChronoUnit.MILLIS));
    }

    @Test
    void formattingIsTheInverseOfParsingInTheLargestExactUnit() {
        assertEquals("64m", Units.formatBytes(64L << 20));
        assertEquals("1000", Units.formatBytes(1000));
        assertEquals("0", Units.formatBytes(0));
        assertEquals("30s", Units.formatDuration(Duration.ofSeconds(30)));
        assertEquals("1500ms", Units.formatDuration(Duration.ofMillis(1500)));
        assertEquals("2m", Units.formatDuration(Duration.ofMinutes(2)));
        assertEquals("200us", Units.formatDuration(Duration.ofNanos(200_000)));
        assertEquals("0", Units.formatDuration(Duration.ZERO));
    }
}
