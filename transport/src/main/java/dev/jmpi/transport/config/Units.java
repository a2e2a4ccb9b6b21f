package dev.jmpi.transport.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The one parser of sizes and durations, as every setting writes them: sizes {@code 1k},
 * {@code 64m}, {@code 2g} (binary: 1k = 1024 bytes; a trailing {@code b} or {@code ib} is
 * allowed), durations {@code 250us}, {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} (or
 * ISO-8601 such as {@code PT30S}; parts add up: {@code 1h30m}). A bare number is read in the setting's bare unit: bytes for
 * a size; for a duration only where an old setting took a bare number (milliseconds mostly),
 * and only {@code 0} elsewhere. Stateless.
 *
 * <p>Scanned by hand, not with regular expressions: every rank parses its settings in
 * {@code Jmpi.init}, and compiling three patterns there cost each rank ~15 ms of start-up CPU
 * (the regex engine's first use runs interpreted and spins lambda classes).
 */
public final class Units {

    /** Units of a duration part, two-letter ones first so that {@code ms} is not read as {@code m}. */
    private static final String[] DURATION_UNITS = {"ns", "us", "µs", "ms", "s", "m", "h", "d"};

    private Units() {}

    /**
     * Parses a size in bytes.
     *
     * @throws IllegalArgumentException if {@code text} is not a size or overflows a long
     */
    public static long parseBytes(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        int digits = digitsAt(v, 0);
        if (digits == 0) {
            throw new IllegalArgumentException(text);
        }
        int i = digits;
        while (i < v.length() && isRegexSpace(v.charAt(i))) {
            i++;
        }
        String suffix = v.substring(i);
        int shift;
        if (suffix.isEmpty() || suffix.equals("b")) {
            shift = 0;
        } else if ("kmgt".indexOf(suffix.charAt(0)) >= 0
                && (suffix.length() == 1
                        || suffix.substring(1).equals("b")
                        || suffix.substring(1).equals("ib"))) {
            shift = 10 * ("kmgt".indexOf(suffix.charAt(0)) + 1);
        } else {
            throw new IllegalArgumentException(text);
        }
        long n;
        try {
            n = Long.parseLong(v.substring(0, digits));
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
            if (!v.isEmpty() && digitsAt(v, 0) == v.length()) {
                long n = Long.parseLong(v);
                if (bareUnit == null && n != 0) {
                    throw new IllegalArgumentException(text);
                }
                return bareUnit == null ? Duration.ZERO : Duration.of(n, bareUnit);
            }
            Duration total = Duration.ZERO;
            int end = 0;
            while (end < v.length()) {
                int digits = digitsAt(v, end);
                String unit = digits == 0 ? null : unitAt(v, end + digits);
                if (unit == null) {
                    break;
                }
                total = total.plus(part(Long.parseLong(v.substring(end, end + digits)), unit));
                end += digits + unit.length();
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

    /** How many ASCII digits {@code s} has from {@code from} on. */
    private static int digitsAt(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** The duration unit that {@code s} has at {@code at}, or null. */
    private static @Nullable String unitAt(String s, int at) {
        for (String unit : DURATION_UNITS) {
            if (s.startsWith(unit, at)) {
                return unit;
            }
        }
        return null;
    }

    /** What {@code \s} matches in a regular expression: ASCII white space. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
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
