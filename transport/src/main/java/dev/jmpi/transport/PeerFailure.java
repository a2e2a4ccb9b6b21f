package dev.jmpi.transport;

/**
 * Why a peer is considered gone: its connection closed without a goodbye, it stopped
 * answering heartbeats, or it sent something the protocol forbids.
 *
 * @param rank    the peer's rank
 * @param address where the peer listened ({@code host:port})
 * @param reason  what happened, e.g. {@code "connection closed by peer"} or
 *                {@code "no heartbeat for 5000 ms (timeout 5000 ms)"}
 */
public record PeerFailure(int rank, String address, String reason) {

    /** Reads as {@code rank 3 (10.0.0.4:7101): connection closed by peer}. */
    public String describe() {
        return "rank " + rank + " (" + address + "): " + reason;
    }
}
