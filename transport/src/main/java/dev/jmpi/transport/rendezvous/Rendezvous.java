package dev.jmpi.transport.rendezvous;

import java.time.Duration;
import java.util.List;

/**
 * Tells every rank where every other rank listens. A rank publishes its own address and
 * blocks until the whole table is known. Implementations: {@link TcpRendezvousClient}
 * (talks to a {@link TcpRendezvousServer} hosted by jmpirun or by rank 0) and
 * {@link StaticRendezvous} (addresses known in advance, e.g. Kubernetes DNS names).
 */
public interface Rendezvous {

    /**
     * Publishes {@code self} and returns the address of every rank, indexed by rank.
     *
     * @throws RendezvousException if the table is not complete within {@code timeout}, the
     *                             service refuses us, or it cannot be reached; the message
     *                             names the service address and what was missing
     */
    List<RankAddress> exchange(RankAddress self, Duration timeout);
}
