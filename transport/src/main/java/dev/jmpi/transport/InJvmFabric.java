package dev.jmpi.transport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A whole job's transports inside one JVM, without sockets, for fast tests of the layers
 * above. Same semantics as {@link NettyMesh}: messages from one sending thread to one
 * destination arrive in order (self-sends included), each endpoint's handler runs on that
 * endpoint's own delivery thread, senders wait when a receiver has too much queued, an
 * orderly {@link Transport#close()} reports nothing, and {@link #kill(int)} makes a rank
 * vanish like a SIGKILL: every other rank gets {@code onPeerFailure} for it once, and
 * sends to it throw {@link PeerFailedException}.
 *
 * <pre>{@code
 * InJvmFabric fabric = InJvmFabric.open(4);
 * Transport t0 = fabric.endpoint(0);
 * ...
 * fabric.kill(2);
 * fabric.close();
 * }</pre>
 *
 * <p>Payloads are copied on send, as the wire would, so a receiver never shares memory with
 * its sender. Thread-safe.
 */
public final class InJvmFabric implements AutoCloseable {

    private final List<InJvmEndpoint> endpoints;

    private InJvmFabric(int size) {
        List<InJvmEndpoint> list = new ArrayList<>(size);
        for (int r = 0; r < size; r++) {
            list.add(new InJvmEndpoint(this, r, size));
        }
        this.endpoints = Collections.unmodifiableList(list);
    }

    /**
     * The transports of a new in-JVM job of {@code size} ranks, indexed by rank.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static List<Transport> create(int size) {
        return open(size).endpoints();
    }

    /** A new in-JVM job of {@code size} ranks, with fault injection. */
    public static InJvmFabric open(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("size=" + size + " (expected: >= 1)");
        }
        return new InJvmFabric(size);
    }

    /** The transports, indexed by rank. */
    public List<Transport> endpoints() {
        return Collections.unmodifiableList(new ArrayList<Transport>(endpoints));
    }

    /** The transport of {@code rank}. */
    public Transport endpoint(int rank) {
        return get(rank);
    }

    /** Number of ranks. */
    public int size() {
        return endpoints.size();
    }

    /**
     * Kills {@code rank} as SIGKILL would: it delivers and sends nothing more, its queued
     * inbound messages are dropped, and every other live rank is told
     * {@code onPeerFailure(rank, …, reason)} once.
     */
    public void kill(int rank, String reason) {
        get(rank).kill(reason);
    }

    /** {@link #kill(int, String)} with reason {@code "killed by fault injection"}. */
    public void kill(int rank) {
        kill(rank, "killed by fault injection");
    }

    /** Closes every endpoint (orderly). */
    @Override
    public void close() {
        for (InJvmEndpoint e : endpoints) {
            e.close();
        }
    }

    InJvmEndpoint get(int rank) {
        if (rank < 0 || rank >= endpoints.size()) {
            throw new IllegalArgumentException(
                    "invalid rank=" + rank + " (expected: 0 <= rank < size=" + endpoints.size() + ")");
        }
        return endpoints.get(rank);
    }

    List<InJvmEndpoint> all() {
        return endpoints;
    }
}
