package dev.jmpi.core.internal;

/**
 * How a world checks that its ranks' collective calls agree, set by
 * {@link CoreSettings#CHECK_COLLECTIVES} (jmpirun's {@code --check-collectives}) and resolved
 * into the {@link JmpiConfig} at init; every rank of a job must use the same mode.
 *
 * <ul>
 *   <li>{@code on} (default): every collective frame carries its call's signature and the
 *       receiver compares it with its own call. A receive of a collective stalled for
 *       {@link CoreSettings#COLLECTIVE_STALL} (default {@value #DEFAULT_STALL_MS} ms) sends its signature to
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
public record CollectiveChecks(Mode mode, long stallNanos) {

    /** The checking modes. */
    public enum Mode {
        /** No signatures, no checks. */
        OFF,
        /** Signatures on every collective frame. */
        ON,
        /** As {@link #ON}, plus a confirming round after every collective. */
        STRICT
    }

    static final long DEFAULT_STALL_MS = 1_000;

    /** Validates: {@code stallNanos > 0}. */
    public CollectiveChecks {
        if (stallNanos <= 0) {
            throw new IllegalArgumentException(
                    CoreSettings.COLLECTIVE_STALL.key() + "=" + stallNanos + "ns (expected: > 0)");
        }
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
