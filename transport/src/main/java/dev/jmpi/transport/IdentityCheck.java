package dev.jmpi.transport;

import dev.jmpi.proto.RankIdentity;
import org.jspecify.annotations.Nullable;

/**
 * Whether a peer that has proved the job secret belongs on this connection: same job, same
 * world size, a rank in range that is not ours, and the pairing rule (with eager connections
 * higher ranks dial lower ones; a dialer reached the rank it dialed). The answers name our values, which is
 * fine: the peer knows the secret. Stateless.
 */
final class IdentityCheck {

    private IdentityCheck() {}

    /**
     * Checks a peer's identity from its handshake against this job and this rank.
     *
     * @param expectedPeer the rank we dialed, or -1 on an accepted connection
     * @param eitherMayDial whether lower ranks may dial higher ones too (lazy connections: the
     *                      sender dials); otherwise only higher ranks dial lower ones
     * @return why the peer is refused, or null if it belongs here
     */
    static @Nullable String problem(
            RankIdentity identity, String jobId, int size, int rank, int expectedPeer, boolean eitherMayDial) {
        if (!jobId.equals(identity.getJobId())) {
            return "job id '" + identity.getJobId() + "' does not match ours '" + jobId + "'";
        }
        if (identity.getWorldSize() != size) {
            return "world size " + identity.getWorldSize() + " does not match ours " + size;
        }
        int r = identity.getRank();
        if (r < 0 || r >= size) {
            return "rank=" + r + " out of range (expected: 0 <= rank < size=" + size + ")";
        }
        if (r == rank) {
            return "rank=" + r + " is our own rank";
        }
        if (expectedPeer < 0 && r < rank && !eitherMayDial) {
            return "rank " + r + " must not dial rank " + rank + " (higher ranks dial lower ranks)";
        }
        if (expectedPeer >= 0 && r != expectedPeer) {
            return "we dialed rank " + expectedPeer + " but the peer says it is rank " + r;
        }
        return null;
    }
}
