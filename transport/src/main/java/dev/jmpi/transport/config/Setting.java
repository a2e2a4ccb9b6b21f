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
                v -> true,
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
                Units::parseBytes,
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
                        s -> Units.parseDuration(s, bareUnit),
                        description)
                .check(v -> !v.isNegative(), "not negative");
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
                Setting::parseFlag,
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
                String::trim,
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
                s -> Long.parseLong(s.trim()),
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
                check.and(test),
                description);
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

    private static Boolean parseFlag(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> Boolean.TRUE;
            case "false", "0", "no", "off" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(s);
        };
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
}
