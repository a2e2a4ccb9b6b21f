package dev.jmpi.core.internal;

import dev.jmpi.Communicator;

/** Flow-control counters of a rank, for tests outside this package. */
public final class FlowCounters {

    private FlowCounters() {}

    /** Bytes of eager sends the rank of {@code comm} wrote from users' direct buffers without a copy. */
    public static long bytesLentEager(Communicator comm) {
        return ((CommunicatorImpl) comm).world().flow().bytesLentEager();
    }
}
