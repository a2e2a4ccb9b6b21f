package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

@Timeout(10)
class DurationConverterTest {

    @Test
    void readsTheWaysPeopleWriteDurations() {
        assertEquals(Duration.ofSeconds(30), DurationConverter.parse("30s"));
        assertEquals(Duration.ofMinutes(5), DurationConverter.parse("5m"));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("1h30m"));
        assertEquals(Duration.ofMillis(500), DurationConverter.parse("500ms"));
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("90"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("PT45S"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "5x", "m5", "-3s", "5 m"})
    void rejectsAnythingElse(String text) {
        assertThrows(TypeConversionException.class, () -> DurationConverter.parse(text));
    }

    @Test
    void formatsBackToTheSameNotation() {
        assertEquals("1h30m", DurationConverter.format(Duration.ofMinutes(90)));
        assertEquals("30s", DurationConverter.format(Duration.ofSeconds(30)));
        assertEquals("1500ms", DurationConverter.format(Duration.ofMillis(1500)));
    }
}
