package dev.jmpi.core.internal;

/**
 * A posted receive or probe waiting in a context's queue. Owned by the context's lock while
 * queued; completed outside it.
 */
abstract class Matchable extends Completion {

    Matchable(dev.jmpi.transport.Progress progress) {
        super(progress);
    }

    /** Source world rank, or {@link dev.jmpi.Communicator#ANY_SOURCE}. */
    abstract int sourceWorldRank();

    /** Tag, or {@link dev.jmpi.Communicator#ANY_TAG}. */
    abstract int tag();

    /** True for probes: a match completes them but leaves the message queued. */
    boolean isProbe() {
        return false;
    }

    /**
     * A probe matched {@code m}: called under the queue's lock, while {@code m} is surely
     * still queued (once the lock is released another thread may receive it and free its
     * payload), so a probe reads what it reports here. {@link #deliver} follows, outside the
     * lock, on the same thread. Nothing by default.
     */
    void inspect(InboundMessage m) {}

    /** What is waiting, for hang reports: {@code recv(source=3, tag=42)}. */
    abstract String describe();

    /** The world rank this waits for, or -1 for any. */
    int awaitedWorldRank() {
        return sourceWorldRank();
    }

    final boolean matches(InboundMessage m) {
        return matches(m.sourceWorldRank(), m.tag());
    }

    /** Whether a message from world rank {@code source} with {@code messageTag} matches this. */
    final boolean matches(int source, int messageTag) {
        int src = sourceWorldRank();
        int t = tag();
        return (src == dev.jmpi.Communicator.ANY_SOURCE || src == source)
                && (t == dev.jmpi.Communicator.ANY_TAG || t == messageTag);
    }

    /** Takes the message (receives) or looks at it (probes); runs outside the queue lock. */
    abstract void deliver(InboundMessage m);

    /** Fails the wait with the job's breakage. */
    abstract void fail(Breakage b);
}
