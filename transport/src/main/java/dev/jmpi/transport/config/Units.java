package dev.jmpi.transport.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser of sizes and durations, as every setting writes them: sizes {@code 1k},
 * {@code 64m}, {@code 2g} (binary: 1k = 1024 bytes; a trailing {@code b} or {@code ib} is
 * allowed), durations {@code 250us}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} (or
 * ISO-8601 such as {@code PT30S}; parts add up: {@code 1h30m}). A bare number is read in the setting's bare unit: bytes for
 * a size; for a duration only where an old setting took a bare number (milliseconds mostly),
 * and only {@code 0} elsewhere. Stateless.
 */
public final class Units {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kmgt])(?:i?b)?|b)?");
    private static final Pattern BARE = Pattern.compile("\\d+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|µs|ms|s|m|h|d)");

    private Units() {}

    /**
     * Parses a size in bytes.
     *
     * @throws IllegalArgumentException if {@code text} is not a size or overflows a long
     */
    public static long parseBytes(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(text);
        }
        String unit = m.group(2);
        int shift = unit == null ? 0 : 10 * ("kmgt".indexOf(unit.charAt(0)) + 1);
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(text, e);
        }
        if (n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException(text);
        }
        return n << shift;
    }

    /**
     * Parses a duration: one or more number-unit parts ({@code 1h30m}, {@code 500ms}), ISO-8601
     * ({@code PT30S}), or a bare number in {@code bareUnit} (only {@code 0} when
     * {@code bareUnit} is null). Never negative.
     *
     * @throws IllegalArgumentException if {@code text} is not a duration
     */
    public static Duration parseDuration(String text, ChronoUnit bareUnit) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (BARE.matcher(v).matches()) {
                long n = Long.parseLong(v);
                if (bareUnit == null && n != 0) {
                    throw new IllegalArgumentException(text);
                }
                return bareUnit == null ? Duration.ZERO : Duration.of(n, bareUnit);
            }
            Matcher m = PART.matcher(v);
            Duration total = Duration.ZERO;
            int end = 0;
            while (end < v.length() && m.region(end, v.length()).lookingAt()) {
                total = total.plus(part(Long.parseLong(m.group(1)), m.group(2)));
                end = m.end();
            }
            if (end > 0 && end == v.length()) {
                return total;
            }
            Duration iso = Duration.parse(text.trim().toUpperCase(Locale.ROOT));
            if (iso.isNegative()) {
                throw new IllegalArgumentException(text);
            }
            return iso;
        } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Duration part(long n, String unit) {
        return switch (unit) {
            case "ns" -> Duration.ofNanos(n);
            case "us", "µs" -> Duration.of(n, ChronoUnit.MICROS);
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** {@code bytes} the way the settings are written: {@code 64m}, {@code 1k}, {@code 1000}. */
    public static String formatBytes(long bytes) {
        String[] units = {"", "k", "m", "g", "t"};
        int i = 0;
        long n = bytes;
        while (n != 0 && i < units.length - 1 && (n & 1023) == 0) {
            n >>= 10;
            i++;
        }
        return n + units[i];
    }

    /** {@code d} the way the settings are written: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 0}. */
    public static String formatDuration(Duration d) {
        if (d.isZero()) {
            return "0";
        }
        long nanos = d.toNanos();
        long[] sizes = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L, 1L};
        String[] names = {"h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < sizes.length; i++) {
            if (nanos % sizes[i] == 0) {
                return nanos / sizes[i] + names[i];
            }
        }
        return nanos + "ns";
    }
}
