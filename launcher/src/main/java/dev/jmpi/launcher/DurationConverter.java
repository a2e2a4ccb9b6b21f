package dev.jmpi.launcher;

import dev.jmpi.transport.config.Units;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations as people type them: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 500ms},
 * a bare number of seconds ({@code 90}), or ISO-8601 ({@code PT30S}), with the one parser every
 * setting uses ({@link Units}).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses {@code text} ({@link Units#parseDuration}, a bare number in seconds); throws
     * {@link TypeConversionException} saying what is expected.
     */
    public static Duration parse(String text) {
        try {
            return Units.parseDuration(text, ChronoUnit.SECONDS);
        } catch (IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static TypeConversionException invalid(String text) {
        return new TypeConversionException(
                "invalid duration '" + text + "' (expected: e.g. 30s, 5m, 1h30m, 500ms, or seconds)");
    }

    /** Formats a duration the way {@link #parse} reads it, e.g. {@code 1m30s}, {@code 500ms}. */
    public static String format(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.toMillis() + "ms";
        }
        StringBuilder sb = new StringBuilder();
        if (d.toHours() > 0) {
            sb.append(d.toHours()).append('h');
        }
        if (d.toMinutesPart() > 0) {
            sb.append(d.toMinutesPart()).append('m');
        }
        if (d.toSecondsPart() > 0) {
            sb.append(d.toSecondsPart()).append('s');
        }
        return sb.toString();
    }
}
