package dev.jmpi.core.internal;

import dev.jmpi.proto.CollectiveSignature;
import java.time.Duration;

/**
 * What a communicator offers the collective algorithms: its size and rank, and a private
 * channel per collective call. Internal.
 */
public interface CollectiveHost {

    /** Caller's rank in the communicator. */
    int rank();

    /** Ranks in the communicator. */
    int size();

    /**
     * Starts one collective call: assigns it the communicator's next collective sequence
     * number (so it must be called in the same order on every rank, on the caller's thread,
     * also for non-blocking collectives) and records its signature for mismatch detection.
     * The {@code sequence} field of {@code signature} is filled in here, and the signature
     * built once (a Protobuf lite build is not free, and this runs once per collective call).
     */
    CollectiveCall begin(CollectiveSignature.Builder signature);

    /** The communicator's default timeout ({@link Duration#ZERO} = none). */
    Duration timeout();

    /** For messages: {@code "rank 2"} or {@code "rank 2 (world rank 5)"}. */
    String describeRank(int rank);
}
