package dev.jmpi.transport.rendezvous;

import dev.jmpi.proto.RankReport;

/**
 * What a launcher hosting the rendezvous learns about each rank over its lifeline: that it
 * registered, what it reported ({@link RankReport}), and that its connection ended (the rank
 * exited, or closed it). Called from the rendezvous' handler threads, one per rank, in the
 * order the rank's messages arrived; implementations must be thread-safe and quick.
 */
public interface LifelineListener {

    /** {@code rank} registered from {@code hostname} as process {@code pid}. */
    void registered(int rank, String hostname, long pid);

    /** {@code rank} sent {@code report}; its {@code rank} field is the sender's, checked by the service. */
    void reported(int rank, RankReport report);

    /** The lifeline of {@code rank} ended; every report it sent has been delivered before this. */
    void closed(int rank);
}
