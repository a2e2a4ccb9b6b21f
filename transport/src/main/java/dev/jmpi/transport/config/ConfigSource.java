package dev.jmpi.transport.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where settings come from, in rising precedence: each setting's default, the environment,
 * the system properties, values set in code ({@link #with}). Immutable: a snapshot of the
 * process's environment and {@code jmpi.*} properties taken once by {@link #fromProcess()}
 * at init, or given by a test ({@link #of}). Old names of a setting are read after its
 * current name at the same level.
 *
 * <pre>{@code
 * ConfigSource source = ConfigSource.fromProcess()
 *         .with(TransportSettings.HEARTBEAT_INTERVAL, Duration.ofMillis(100));
 * Duration interval = source.get(TransportSettings.HEARTBEAT_INTERVAL);
 * }</pre>
 */
public final class ConfigSource {

    private static final ConfigSource DEFAULTS = new ConfigSource(Map.of(), Map.of(), Map.of());

    private final Map<String, String> env;
    private final Map<String, String> props;
    private final Map<Setting<?>, Object> code;

    private ConfigSource(Map<String, String> env, Map<String, String> props, Map<Setting<?>, Object> code) {
        this.env = env;
        this.props = props;
        this.code = code;
    }

    /** Defaults only: no environment, no properties. */
    public static ConfigSource defaults() {
        return DEFAULTS;
    }

    /**
     * This process's environment and system properties, as they are now. The only place jmpi
     * reads them; call it once at init and pass the result on.
     */
    public static ConfigSource fromProcess() {
        Properties p = System.getProperties();
        Map<String, String> jmpi = new HashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("jmpi.")) {
                jmpi.put(name, p.getProperty(name));
            }
        }
        return new ConfigSource(Map.copyOf(System.getenv()), Map.copyOf(jmpi), Map.of());
    }

    /** The given environment and system properties. */
    public static ConfigSource of(Map<String, String> env, Map<String, String> props) {
        return new ConfigSource(Map.copyOf(env), Map.copyOf(props), Map.of());
    }

    /** The given environment and system properties. */
    public static ConfigSource of(Map<String, String> env, Properties props) {
        Map<String, String> m = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            m.put(name, props.getProperty(name));
        }
        return of(env, m);
    }

    /** This source with {@code setting} set in code to {@code value}, above every other source. */
    public <T> ConfigSource with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> c = new HashMap<>(code);
        c.put(setting, setting.checked(Objects.requireNonNull(value, setting.key())));
        return new ConfigSource(env, props, Map.copyOf(c));
    }

    /**
     * This source with {@code setting} set in code to {@code text}, parsed as the setting's
     * property would be.
     *
     * @throws ConfigException naming the setting if {@code text} is not a valid value
     */
    public <T> ConfigSource withText(Setting<T> setting, String text) {
        Map<Setting<?>, Object> c = new HashMap<>(code);
        c.put(setting, setting.parse(text, setting.key(), "code"));
        return new ConfigSource(env, props, Map.copyOf(c));
    }

    /**
     * The value of {@code setting}, which has a default or must be set.
     *
     * @throws ConfigException naming the setting, the value, its source and what was expected;
     *     also if the setting is not set and has no default (read such a one with {@link #getOrNull})
     */
    public <T> T get(Setting<T> setting) {
        T value = resolve(setting).value();
        if (value == null) {
            throw new ConfigException(setting.key() + " is not set (expected: a value; it has no default)");
        }
        return value;
    }

    /**
     * The value of an optional {@code setting} (one without a default), or null if it is not set.
     *
     * @throws ConfigException naming the setting, the value, its source and what was expected
     */
    public <T> @Nullable T getOrNull(Setting<T> setting) {
        return resolve(setting).value();
    }

    /** The value of {@code setting} and where it came from. */
    @SuppressWarnings("unchecked")
    public <T> Resolved<T> resolve(Setting<T> setting) {
        if (code.containsKey(setting)) {
            return new Resolved<>((T) code.get(setting), "code");
        }
        List<String> names = setting.names();
        for (String n : names) {
            String v = n.startsWith("jmpi.") ? props.get(n) : null;
            if (v != null && !v.isBlank()) {
                return new Resolved<>(setting.parse(v, n, "system property"), "system property " + n);
            }
        }
        for (String n : names) {
            String v = n.startsWith("JMPI_") ? env.get(n) : null;
            if (v != null && !v.isBlank()) {
                return new Resolved<>(setting.parse(v, n, "environment variable"), "environment variable " + n);
            }
        }
        return new Resolved<>(setting.defaultValue(), "default");
    }

    /**
     * Where {@code name} (a {@code jmpi.*} property or a {@code JMPI_*} variable) is set, as
     * {@code system property NAME} or {@code environment variable NAME}, or null if it is not:
     * for refusing a removed setting instead of ignoring it.
     */
    public @Nullable String whereSet(String name) {
        if (name.startsWith("jmpi.") && props.containsKey(name)) {
            return "system property " + name;
        }
        return env.containsKey(name) ? "environment variable " + name : null;
    }

    /**
     * The environment this source was made from, for what is not a jmpi setting: the job
     * description a launcher or scheduler sets ({@code JMPI_RANK}, {@code SLURM_PROCID}, ...).
     */
    public Map<String, String> environment() {
        return env;
    }

    /**
     * A value and its origin.
     *
     * @param value  the value (null: not set)
     * @param origin {@code default}, {@code code}, {@code system property NAME} or {@code environment variable NAME}
     */
    public record Resolved<T>(@Nullable T value, String origin) {}
}
