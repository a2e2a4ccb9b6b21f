package dev.jmpi.transport.config;

/**
 * A setting with a value that cannot be used. The message names the setting, the value, where
 * the value came from and what was expected:
 * {@code jmpi.heartbeatTimeout=abc from system property jmpi.heartbeatTimeoutMs (expected: a
 * duration such as 500ms, 30s or 5m)}.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** An error with a complete message. */
    public ConfigException(String message) {
        super(message);
    }
}
