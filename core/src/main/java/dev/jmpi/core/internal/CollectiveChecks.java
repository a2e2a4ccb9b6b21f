package dev.jmpi.core.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * How a world checks that its ranks' collective calls agree, read once per world from the
 * system property {@value #PROP} or the environment variable {@value #ENV} (jmpirun's
 * {@code --check-collectives}); every rank of a job must use the same mode.
 *
 * <ul>
 *   <li>{@code on} (default): every collective frame carries its call's signature and the
 *       receiver compares it with its own call. A receive of a collective stalled for
 *       {@value #STALL_PROP} ms (default {@value #DEFAULT_STALL_MS}) sends its signature to
 *       the rank it waits for, so two ranks that wait for each other in different calls fail
 *       instead of hanging. A rank whose part of a call only sends may return from the
 *       mismatched call (and later ones) before the mismatch, found elsewhere, reaches it.</li>
 *   <li>{@code strict}: as {@code on}, plus a dissemination round of signature-carrying
 *       empty messages after every collective (ceil(log2 P) more steps of latency), so every
 *       rank fails at the mismatched call itself.</li>
 *   <li>{@code off}: no signatures on the wire and no checks; ranks whose calls disagree may
 *       hang or compute garbage, as in plain MPI. {@code false} is accepted for {@code off}
 *       and {@code true} for {@code on}.</li>
 * </ul>
 *
 * @param mode       the mode
 * @param stallNanos how long a collective receive waits before announcing its signature
 */
record CollectiveChecks(Mode mode, long stallNanos) {

    /** The checking modes. */
    enum Mode { OFF, ON, STRICT }

    static final String PROP = "jmpi.checkCollectives";
    static final String ENV = "JMPI_CHECK_COLLECTIVES";
    static final String STALL_PROP = "jmpi.collectiveStallMs";
    static final String STALL_ENV = "JMPI_COLLECTIVE_STALL_MS";
    static final long DEFAULT_STALL_MS = 1_000;

    CollectiveChecks {
        if (stallNanos <= 0) {
            throw new IllegalArgumentException(STALL_PROP + "=" + TimeUnit.NANOSECONDS.toMillis(stallNanos)
                + " (expected: > 0)");
        }
    }

    /** The settings of this process. */
    static CollectiveChecks fromEnvironment() {
        return from(System.getProperties(), System.getenv());
    }

    /** The settings in {@code props}, else {@code env}, else the defaults. */
    static CollectiveChecks from(Properties props, Map<String, String> env) {
        String m = props.getProperty(PROP, env.get(ENV));
        String stall = props.getProperty(STALL_PROP, env.get(STALL_ENV));
        long stallMs;
        try {
            stallMs = stall == null || stall.isBlank() ? DEFAULT_STALL_MS : Long.parseLong(stall.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(STALL_PROP + "=" + stall + " (expected: milliseconds > 0)", e);
        }
        return new CollectiveChecks(parse(m), TimeUnit.MILLISECONDS.toNanos(stallMs));
    }

    /** {@code strict}, {@code on} (or {@code true}), {@code off} (or {@code false}); null or blank: on. */
    static Mode parse(String value) {
        if (value == null || value.isBlank()) {
            return Mode.ON;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "strict" -> Mode.STRICT;
            case "on", "true" -> Mode.ON;
            case "off", "false" -> Mode.OFF;
            default -> throw new IllegalArgumentException(PROP + "=" + value + " (expected: strict, on or off)");
        };
    }

    /** Signatures travel and are compared. */
    boolean enabled() {
        return mode != Mode.OFF;
    }

    /** Every collective ends with a confirmation round. */
    boolean strict() {
        return mode == Mode.STRICT;
    }
}
