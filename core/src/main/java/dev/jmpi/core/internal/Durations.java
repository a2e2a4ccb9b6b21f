package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.transport.config.Units;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * Parses human durations for the job description ({@code JMPI_TIMEOUT}): {@code 250ms},
 * {@code 30s}, {@code 5m}, {@code 1h}, {@code 0}, a bare number of seconds, or ISO-8601;
 * the one parser, {@link Units}, does the work.
 */
public final class Durations {

    private Durations() {}

    /** Parses {@code value}; {@code name} appears in the error message. */
    public static Duration parse(String name, String value) {
        try {
            return Units.parseDuration(value, ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException(
                    name + "=" + value + " (expected: a duration like 250ms, 30s, 5m, 1h, or 0 for none)");
        }
    }
}
