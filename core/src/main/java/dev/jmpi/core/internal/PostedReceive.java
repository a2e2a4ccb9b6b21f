package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
import dev.jmpi.Status;
import java.time.Duration;

/**
 * A receive or probe of one communicator posted for a (source, tag) envelope: what
 * {@link RecvRequest}, {@link ObjectReceive}, {@link ProbeRequest} and {@link MatchedProbe}
 * share, once. It holds the envelope it matches and the operation's text; a wait past the
 * communicator's timeout breaks the job naming the awaited rank; a breakage fails it with
 * the operation named. Subclasses say only what a match does ({@link #deliver}).
 */
abstract class PostedReceive extends Matchable {

    final CommunicatorImpl comm;
    final OpText operation;
    private final int sourceWorld;
    private final int tag;
    private final long postedAtNanos = System.nanoTime();

    PostedReceive(CommunicatorImpl comm, int sourceWorld, int tag, OpText operation) {
        super(comm.world().progress());
        this.comm = comm;
        this.sourceWorld = sourceWorld;
        this.tag = tag;
        this.operation = operation;
    }

    @Override
    final int sourceWorldRank() {
        return sourceWorld;
    }

    @Override
    final int tag() {
        return tag;
    }

    /** When this was made, by {@link System#nanoTime}. */
    final long postedAtNanos() {
        return postedAtNanos;
    }

    /** {@code rank 0: recv(source=3, tag=42) for 120 ms}; probes say only what they are. */
    @Override
    String describe() {
        return operation + " for "
                + Duration.ofNanos(System.nanoTime() - postedAtNanos).toMillis() + " ms";
    }

    @Override
    final String operation() {
        return operation.toString();
    }

    @Override
    final long awaitLimitNanos() {
        return comm.timeoutNanos();
    }

    @Override
    final void limitPassed(long limitNanos) {
        comm.world().timedOut(operation.toString(), limitNanos, sourceWorld);
    }

    /** Public, as {@link RendezvousTarget#fail} is (a receive awaiting rendezvous data). */
    @Override
    public final void fail(Breakage b) {
        beforeFailure();
        failWith(b.toException(operation.toString()));
    }

    /**
     * Runs before a breakage fails this, on the failing thread: a receive whose data the
     * transport may be writing into the user's buffer stops it there ({@link RecvRequest}).
     */
    void beforeFailure() {}

    /** Completes a receive from PROC_NULL: no data, source PROC_NULL. */
    final void completeProcNull() {
        succeed(Status.procNull());
    }

    /**
     * Completes a probe that was never left posted ({@code iprobe}, {@code improbe} that found
     * nothing), so that it no longer counts as outstanding work for the progress engine.
     */
    final void withdraw() {
        succeed(null);
    }

    /** {@code e} as it reaches the user: a {@link JmpiException} as is, anything else wrapped naming the operation. */
    final JmpiException asJmpiException(RuntimeException e) {
        return e instanceof JmpiException je ? je : new JmpiException(operation + " failed: " + e, e, true);
    }
}
