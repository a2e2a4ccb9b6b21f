package dev.jmpi.core.algorithm;

import dev.jmpi.core.internal.Schedule;

/**
 * Ring allgather with per-rank block sizes (also the second half of {@link RingAllreduce}):
 * {@code P - 1} rounds; in round {@code s} rank {@code r} sends block {@code (r - s) mod P} to
 * {@code r + 1} and receives block {@code (r - s - 1) mod P} from {@code r - 1}, straight into
 * its place in the buffer.
 *
 * <p>Invariant: before round {@code s}, rank {@code r} holds blocks {@code r, r-1, ..., r-s}
 * (mod P), so the block it sends is one it has and the block it receives is the next one
 * back; after {@code P - 1} rounds it holds all {@code P}. Each rank sends and receives
 * {@code (P-1)/P * S} in total (for equal blocks), the bandwidth optimum, at the price of
 * {@code P - 1} latencies. Each round is a sendrecv with disjoint send and receive blocks.
 * The caller puts this rank's own block in place first. Uses step {@code step}.
 */
final class RingAllgather {

    /** The algorithm's name in traces and statistics. */
    static final String NAME = "ring";

    private RingAllgather() {}

    static void schedule(Schedule s, Object buf, int offset, int[] counts, int[] displs, int step) {
        s.algorithm(NAME);
        int p = s.size();
        int r = s.rank();
        int right = (r + 1) % p;
        int left = (r - 1 + p) % p;
        for (int k = 0; k < p - 1; k++) {
            int sendBlock = (r - k + p) % p;
            int recvBlock = (r - k - 1 + p) % p;
            s.recv(buf, offset + displs[recvBlock], counts[recvBlock], left, step + k)
                    .send(buf, offset + displs[sendBlock], counts[sendBlock], right, step + k)
                    .round();
        }
        s.round();
    }
}
