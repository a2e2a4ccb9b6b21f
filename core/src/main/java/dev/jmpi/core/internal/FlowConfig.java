package dev.jmpi.core.internal;

import java.util.Map;
import java.util.Properties;

/**
 * The point-to-point flow-control settings, read once per world from system properties
 * (which win) or environment variables. Every rank of a job must use the same values: a
 * sender spends credit against the budget it believes its receiver has.
 *
 * <ul>
 *   <li>{@value #EAGER_LIMIT_PROP} ({@value #EAGER_LIMIT_ENV}): largest payload sent eagerly,
 *       default {@value #DEFAULT_EAGER_LIMIT_BYTES} bytes; larger messages go by rendezvous.</li>
 *   <li>{@value #UNEXPECTED_PROP} ({@value #UNEXPECTED_ENV}): the eager data a rank may hold
 *       for receives not yet posted, all senders together, default
 *       {@value #DEFAULT_UNEXPECTED_BYTES} bytes, split evenly across the world's ranks.</li>
 * </ul>
 */
record FlowConfig(long eagerLimitBytes, long unexpectedBytes) {

    static final String EAGER_LIMIT_PROP = "jmpi.eagerLimitBytes";
    static final String EAGER_LIMIT_ENV = "JMPI_EAGER_LIMIT_BYTES";
    /**
     * 1 MiB, not the 64 KiB of Open MPI's TCP transport: the bound on held data comes from the
     * credit budget whatever the limit, while a rendezvous costs one more round trip of
     * header-only frames (~25 us on a quiet host: ~7% of a 1 MiB ping-pong, under 2% from
     * 4 MiB up). It is also the transport's chunk size, so an eager message is one frame.
     */
    static final long DEFAULT_EAGER_LIMIT_BYTES = 1024 * 1024;
    static final String UNEXPECTED_PROP = "jmpi.unexpectedBytes";
    static final String UNEXPECTED_ENV = "JMPI_UNEXPECTED_BYTES";
    static final long DEFAULT_UNEXPECTED_BYTES = 32L * 1024 * 1024;
    /**
     * What each queued eager message costs beyond its payload (its header and queue entry),
     * so that a flood of empty messages is bounded too.
     */
    static final long MESSAGE_OVERHEAD_BYTES = 64;

    FlowConfig {
        if (eagerLimitBytes < 0) {
            throw new IllegalArgumentException(EAGER_LIMIT_PROP + "=" + eagerLimitBytes + " (expected: >= 0)");
        }
        if (unexpectedBytes < 0) {
            throw new IllegalArgumentException(UNEXPECTED_PROP + "=" + unexpectedBytes + " (expected: >= 0)");
        }
    }

    /** The settings of this process. */
    static FlowConfig fromEnvironment() {
        return from(System.getProperties(), System.getenv());
    }

    /** The settings in {@code props}, else {@code env}, else the defaults. */
    static FlowConfig from(Properties props, Map<String, String> env) {
        return new FlowConfig(
            bytes(props, env, EAGER_LIMIT_PROP, EAGER_LIMIT_ENV, DEFAULT_EAGER_LIMIT_BYTES),
            bytes(props, env, UNEXPECTED_PROP, UNEXPECTED_ENV, DEFAULT_UNEXPECTED_BYTES));
    }

    /** The eager budget one receiver grants each sender (itself included) in a world of {@code size}. */
    long perPeerBytes(int size) {
        return unexpectedBytes / Math.max(1, size);
    }

    private static long bytes(Properties props, Map<String, String> env, String prop, String var, long dflt) {
        String v = props.getProperty(prop, env.get(var));
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(prop + "=" + v + " (expected: a number of bytes)", e);
        }
    }
}
