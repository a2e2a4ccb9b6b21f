package dev.jmpi.transport.config;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One setting: its system property, its environment variable, old names still accepted, its
 * default, how its text is parsed and checked, and what it means. Immutable; declared as a
 * constant next to the code that uses it and read only through a {@link ConfigSource}.
 *
 * <p>Names follow one rule: property {@code jmpi.fooBar.bazQux} is environment variable
 * {@code JMPI_FOO_BAR_BAZ_QUX} ({@link #envNameOf}). Sizes and durations are written as
 * {@link Units} parses them.
 *
 * @param <T> the type of the value
 */
public final class Setting<T> {

    private static final String SIZE_EXPECTED = "a size such as 4096, 1k, 64m or 2g (binary units)";

    private final String group;
    private final @Nullable String property;
    private final String env;
    private final List<String> aliases;
    private final @Nullable T defaultValue;
    private final String defaultText;
    private final String unit;
    private final String expected;
    private final Function<String, T> parser;
    private final Predicate<T> check;
    private final String description;

    private Setting(
            String group,
            @Nullable String property,
            String env,
            List<String> aliases,
            @Nullable T defaultValue,
            String defaultText,
            String unit,
            String expected,
            Function<String, T> parser,
            Predicate<T> check,
            String description) {
        this.group = group;
        this.property = property;
        this.env = env;
        this.aliases = List.copyOf(aliases);
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.unit = unit;
        this.expected = expected;
        this.parser = parser;
        this.check = check;
        this.description = description;
    }

    /**
     * A setting of any type.
     *
     * @param group        the concern it belongs to, as the docs group it ({@code mesh}, {@code flow}, ...)
     * @param property     the system property, {@code jmpi.*}
     * @param defaultValue the value when nothing sets it (may be null: "not set")
     * @param defaultText  the default as the docs show it
     * @param unit         the kind of value, as the docs show it
     * @param expected     what a valid value looks like, for error messages
     * @param parser       text to value; throws IllegalArgumentException on bad text
     * @param description  what it does
     */
    public static <T> Setting<T> of(
            String group,
            String property,
            @Nullable T defaultValue,
            String defaultText,
            String unit,
            String expected,
            Function<String, T> parser,
            String description) {
        if (!property.startsWith("jmpi.")) {
            throw new IllegalArgumentException("property=" + property + " (expected: jmpi.*)");
        }
        return new Setting<>(
                group,
                property,
                envNameOf(property),
                List.of(),
                defaultValue,
                defaultText,
                unit,
                expected,
                parser,
                Builtin.anyValue(),
                description);
    }

    /** A size in bytes, {@code >= 0}. */
    public static Setting<Long> bytes(String group, String property, long defaultValue, String description) {
        return of(
                group,
                property,
                defaultValue,
                Units.formatBytes(defaultValue),
                "size",
                SIZE_EXPECTED,
                Builtin.parser(Builtin.BYTES),
                description);
    }

    /**
     * A duration. {@code bareUnit} is the unit of a bare number, where an old form of the
     * setting took one (deprecated); null accepts only {@code 0} bare.
     */
    public static Setting<Duration> duration(
            String group, String property, @Nullable Duration defaultValue, ChronoUnit bareUnit, String description) {
        String expected = "a duration such as 500ms, 30s or 5m"
                + (bareUnit == null ? "" : ", or a bare number of " + unitName(bareUnit) + " (deprecated)");
        return of(
                        group,
                        property,
                        defaultValue,
                        defaultValue == null ? "none" : Units.formatDuration(defaultValue),
                        "duration",
                        expected,
                        Builtin.durationParser(bareUnit),
                        description)
                .check(Builtin.atLeast(Duration.ZERO), "not negative");
    }

    /** An on/off switch: {@code true}/{@code 1}/{@code yes}/{@code on} or {@code false}/{@code 0}/{@code no}/{@code off}. */
    public static Setting<Boolean> flag(String group, String property, boolean defaultValue, String description) {
        return of(
                group,
                property,
                defaultValue,
                Boolean.toString(defaultValue),
                "flag",
                "true, false, 1, 0, yes, no, on or off",
                Builtin.parser(Builtin.FLAG),
                description);
    }

    /** Free text (a host, a file, a class path); null default means "not set". */
    public static Setting<String> text(
            String group, String property, @Nullable String defaultValue, String unit, String description) {
        return of(
                group,
                property,
                defaultValue,
                defaultValue == null ? "not set" : defaultValue,
                unit,
                "text",
                Builtin.parser(Builtin.TEXT),
                description);
    }

    /** A whole number. */
    public static Setting<Long> number(String group, String property, long defaultValue, String description) {
        return of(
                group,
                property,
                defaultValue,
                Long.toString(defaultValue),
                "number",
                "a whole number",
                Builtin.parser(Builtin.NUMBER),
                description);
    }

    /** This setting with old names still read (deprecated): {@code jmpi.*} properties or {@code JMPI_*} variables. */
    public Setting<T> aliases(String... oldNames) {
        List<String> all = new ArrayList<>(aliases);
        for (String n : oldNames) {
            if (!n.startsWith("jmpi.") && !n.startsWith("JMPI_")) {
                throw new IllegalArgumentException("alias=" + n + " (expected: jmpi.* or JMPI_*)");
            }
            all.add(n);
        }
        return new Setting<>(
                group, property, env, all, defaultValue, defaultText, unit, expected, parser, check, description);
    }

    /** This setting, valid only where {@code test} holds; {@code what} says what is expected. */
    public Setting<T> check(Predicate<T> test, String what) {
        return new Setting<>(
                group,
                property,
                env,
                aliases,
                defaultValue,
                defaultText,
                unit,
                expected + ", " + what,
                parser,
                Builtin.isAnyValue(check) ? test : Builtin.both(check, test),
                description);
    }

    /**
     * This setting, a whole number, valid only from {@code min} to {@code max} inclusive;
     * {@code what} says so. As {@link #check} with {@code v -> v >= min && v <= max}, without a
     * lambda (see {@link Builtin}).
     */
    public Setting<T> range(long min, long max, String what) {
        return check(Builtin.range(min, max), what);
    }

    /**
     * This setting, a duration, valid only from {@code min} up; {@code what} says so. As
     * {@link #check} with {@code d -> d.compareTo(min) >= 0}, without a lambda (see {@link Builtin}).
     */
    public Setting<T> atLeast(Duration min, String what) {
        return check(Builtin.atLeast(min), what);
    }

    /** This setting read only from its environment variable (a secret must not show on a command line). */
    public Setting<T> environmentOnly() {
        return new Setting<>(
                group, null, env, aliases, defaultValue, defaultText, unit, expected, parser, check, description);
    }

    /**
     * The environment variable of {@code property}: {@code jmpi.} dropped, each capital and
     * dot starting a new word, words in capitals joined by {@code _}, prefixed {@code JMPI_}.
     */
    public static String envNameOf(String property) {
        String rest = property.substring("jmpi.".length());
        StringBuilder b = new StringBuilder("JMPI_");
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '.' || c == '-') {
                b.append('_');
            } else if (Character.isUpperCase(c) && i > 0 && rest.charAt(i - 1) != '.') {
                b.append('_').append(c);
            } else {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString();
    }

    /** Parses and checks {@code text}; {@code from} names where it came from, for the error. */
    T parse(String text, String name, String from) {
        T value;
        try {
            value = parser.apply(text);
        } catch (RuntimeException e) {
            throw invalid(text, name, from);
        }
        if (value == null || !check.test(value)) {
            throw invalid(text, name, from);
        }
        return value;
    }

    /** Checks a value set in code. */
    T checked(T value) {
        if (value != null && !check.test(value)) {
            throw new ConfigException(key() + "=" + value + " set in code (expected: " + expected + ")");
        }
        return value;
    }

    private ConfigException invalid(String text, String name, String from) {
        String source = from.equals("code")
                ? "set in code"
                : "from " + from + " " + name + (aliases.contains(name) ? " (old name of " + key() + ")" : "");
        return new ConfigException(key() + "=" + text + " " + source + " (expected: " + expected + ")");
    }

    private static String unitName(ChronoUnit u) {
        return switch (u) {
            case MICROS -> "microseconds";
            case MILLIS -> "milliseconds";
            case SECONDS -> "seconds";
            default -> u.name().toLowerCase(Locale.ROOT);
        };
    }

    /** The name errors and docs use: the property, or the variable of an environment-only setting. */
    public String key() {
        return property != null ? property : env;
    }

    /** The concern it belongs to. */
    public String group() {
        return group;
    }

    /** The system property, or null for an environment-only setting. */
    public @Nullable String property() {
        return property;
    }

    /** The environment variable. */
    public String env() {
        return env;
    }

    /** Old names still read, deprecated. */
    public List<String> aliases() {
        return aliases;
    }

    /** The default value (null: not set). */
    public @Nullable T defaultValue() {
        return defaultValue;
    }

    /** The default as the docs show it. */
    public String defaultText() {
        return defaultText;
    }

    /** This setting with the default shown as {@code text} (a default computed at init, say). */
    public Setting<T> defaultText(String text) {
        return new Setting<>(
                group, property, env, aliases, defaultValue, text, unit, expected, parser, check, description);
    }

    /** The kind of value. */
    public String unit() {
        return unit;
    }

    /** What a valid value looks like. */
    public String expected() {
        return expected;
    }

    /** What it does. */
    public String description() {
        return description;
    }

    /** Every name this setting is read under: property, variable, aliases. */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        if (property != null) {
            all.add(property);
        }
        all.add(env);
        all.addAll(aliases);
        return all;
    }

    @Override
    public String toString() {
        return key();
    }

    /** Checks that no two of {@code settings} share a name. */
    public static void requireDistinct(List<Setting<?>> settings) {
        List<String> seen = new ArrayList<>();
        for (Setting<?> s : settings) {
            for (String n : s.names()) {
                if (seen.contains(n)) {
                    throw new IllegalStateException("two settings are named " + n);
                }
                seen.add(n);
            }
        }
    }

    /**
     * The parsers and checks the factories above and {@link #range}/{@link #atLeast} use, as one
     * class instead of a lambda each. jmpirun and every rank initialise all settings at start-up,
     * and each lambda's call site costs its first run a bootstrap through {@code
     * LambdaMetafactory}, interpreted: ~0.6 ms per site against ~0.3 ms for a class from the
     * class data archive, measured on the 2-core VM (issue 16, bench/results-notes.md).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final class Builtin implements Function<String, Object>, Predicate<Object> {
        static final int ANY = 0;
        static final int BYTES = 1;
        static final int DURATION = 2;
        static final int FLAG = 3;
        static final int TEXT = 4;
        static final int NUMBER = 5;
        static final int RANGE = 6;
        static final int AT_LEAST = 7;
        static final int BOTH = 8;

        private static final Builtin ANY_VALUE = new Builtin(ANY, ChronoUnit.FOREVER, 0, 0, null, null, null);

        static <T> Predicate<T> anyValue() {
            return (Predicate) ANY_VALUE;
        }

        static boolean isAnyValue(Predicate<?> p) {
            return p == (Object) ANY_VALUE;
        }

        private final int kind;
        /** Of a duration parser: as {@link Setting#duration} got it; {@code FOREVER} for the others. */
        private final ChronoUnit bareUnit;

        private final long min;
        private final long max;
        private final @Nullable Duration minDuration;
        private final @Nullable Predicate first;
        private final @Nullable Predicate second;

        private Builtin(
                int kind,
                ChronoUnit bareUnit,
                long min,
                long max,
                @Nullable Duration minDuration,
                @Nullable Predicate first,
                @Nullable Predicate second) {
            this.kind = kind;
            this.bareUnit = bareUnit;
            this.min = min;
            this.max = max;
            this.minDuration = minDuration;
            this.first = first;
            this.second = second;
        }

        static <T> Function<String, T> parser(int kind) {
            return (Function) new Builtin(kind, ChronoUnit.FOREVER, 0, 0, null, null, null);
        }

        static <T> Function<String, T> durationParser(ChronoUnit bareUnit) {
            return (Function) new Builtin(DURATION, bareUnit, 0, 0, null, null, null);
        }

        static <T> Predicate<T> range(long min, long max) {
            return (Predicate) new Builtin(RANGE, ChronoUnit.FOREVER, min, max, null, null, null);
        }

        static <T> Predicate<T> atLeast(Duration min) {
            return (Predicate) new Builtin(AT_LEAST, ChronoUnit.FOREVER, 0, 0, min, null, null);
        }

        static <T> Predicate<T> both(Predicate<T> first, Predicate<T> second) {
            return (Predicate) new Builtin(BOTH, ChronoUnit.FOREVER, 0, 0, null, first, second);
        }

        @Override
        public Object apply(String s) {
            return switch (kind) {
                case BYTES -> Units.parseBytes(s);
                case DURATION -> Units.parseDuration(s, bareUnit);
                case FLAG -> parseFlag(s);
                case TEXT -> s.trim();
                case NUMBER -> Long.parseLong(s.trim());
                default -> throw new IllegalStateException("not a parser: " + kind);
            };
        }

        @Override
        public boolean test(Object v) {
            return switch (kind) {
                case ANY -> true;
                case RANGE -> {
                    long n = ((Number) v).longValue();
                    yield n >= min && n <= max;
                }
                case AT_LEAST -> ((Duration) v).compareTo(minDuration) >= 0;
                case BOTH -> {
                    Predicate a = first;
                    Predicate b = second;
                    yield a != null && b != null && a.test(v) && b.test(v);
                }
                default -> throw new IllegalStateException("not a check: " + kind);
            };
        }

        private static Boolean parseFlag(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes", "on" -> Boolean.TRUE;
                case "false", "0", "no", "off" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(s);
            };
        }
    }
}
