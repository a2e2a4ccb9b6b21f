package dev.jmpi.core.internal;

/**
 * The point-to-point flow-control settings ({@link CoreSettings#EAGER_LIMIT_BYTES},
 * {@link CoreSettings#UNEXPECTED_BYTES}), part of the {@link JmpiConfig} resolved at init.
 * Every rank of a job must use the same values: a sender spends credit against the budget it
 * believes its receiver has.
 *
 * @param eagerLimitBytes largest payload sent eagerly; larger messages go by rendezvous
 * @param unexpectedBytes the eager data a rank may hold for receives not yet posted, all
 *                        senders together, split evenly across the world's ranks
 */
public record FlowConfig(long eagerLimitBytes, long unexpectedBytes) {

    /**
     * 1 MiB, not the 64 KiB of Open MPI's TCP transport: the bound on held data comes from the
     * credit budget whatever the limit, while a rendezvous costs one more round trip of
     * header-only frames (~25 us on a quiet host: ~7% of a 1 MiB ping-pong, under 2% from
     * 4 MiB up). It is also the transport's chunk size, so an eager message is one frame.
     */
    static final long DEFAULT_EAGER_LIMIT_BYTES = 1024 * 1024;

    static final long DEFAULT_UNEXPECTED_BYTES = 32L * 1024 * 1024;
    /**
     * What each queued eager message costs beyond its payload (its header and queue entry),
     * so that a flood of empty messages is bounded too.
     */
    static final long MESSAGE_OVERHEAD_BYTES = 64;

    /** Validates: both {@code >= 0}. */
    public FlowConfig {
        if (eagerLimitBytes < 0) {
            throw new IllegalArgumentException(
                    CoreSettings.EAGER_LIMIT_BYTES.key() + "=" + eagerLimitBytes + " (expected: >= 0)");
        }
        if (unexpectedBytes < 0) {
            throw new IllegalArgumentException(
                    CoreSettings.UNEXPECTED_BYTES.key() + "=" + unexpectedBytes + " (expected: >= 0)");
        }
    }

    /** The eager budget one receiver grants each sender (itself included) in a world of {@code size}. */
    long perPeerBytes(int size) {
        return unexpectedBytes / Math.max(1, size);
    }
}
