package mpi;

import dev.jmpi.Communicator;
import java.util.ArrayList;
import java.util.List;

/**
 * The neighbourhood collectives over a topology's neighbours, as point-to-point messages on
 * a private duplicate of the communicator (so they never match user traffic): block i of
 * the receive buffer comes from in-neighbour i; block j of the send buffer (or the whole of
 * it, for the all-gathers) goes to out-neighbour j.
 */
final class NeighborCollectives {

    private NeighborCollectives() {}

    /**
     * Starts the exchange; offsets and lengths are in core elements of the staged buffers.
     * {@code sendOff == null} means every destination gets the whole send buffer.
     */
    static dev.jmpi.Request start(
            Communicator c,
            Neighbors n,
            Staged send,
            int[] sendOff,
            int[] sendLen,
            Staged recv,
            int[] recvOff,
            int[] recvLen) {
        List<dev.jmpi.Request> parts = new ArrayList<>();
        for (int i = 0; i < n.sources.length; i++) {
            int tag = n.recvTags == null ? 0 : n.recvTags[i];
            parts.add(c.irecv(recv.array, recv.offset + recvOff[i], recvLen[i], n.sources[i], tag));
        }
        for (int j = 0; j < n.destinations.length; j++) {
            int tag = n.sendTags == null ? 0 : n.sendTags[j];
            int off = sendOff == null ? send.offset : send.offset + sendOff[j];
            int len = sendOff == null ? send.length : sendLen[j];
            parts.add(c.isend(send.array, off, len, n.destinations[j], tag));
        }
        return new AllRequests(parts);
    }

    /** Offsets of equal blocks of {@code len} elements. */
    static int[] blocks(int n, int len) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i * len;
        }
        return out;
    }

    static int[] repeat(int n, int len) {
        int[] out = new int[n];
        java.util.Arrays.fill(out, len);
        return out;
    }
}
