package dev.jmpi.core.internal;

import java.time.Duration;

/**
 * The world communicator: all ranks, contexts 0 and 1. Closing it is MPI_Finalize: this
 * rank tells every peer it has finalized (after its last data, on the same connections), so
 * that a receive only this rank could match fails there instead of waiting for ever; then it
 * says goodbye and releases the transport. Finalize waits for no peer: a barrier here hangs
 * the job when one rank throws inside try-with-resources while another waits for it. In a
 * process that {@link RankExitGuard guards} its exit, the connections stay open until the
 * process exits, so an exception that escapes main after this close still reaches the peers.
 */
public final class WorldCommunicator extends CommunicatorImpl {

    private final Runnable onClose;
    private boolean closed;

    /** The world communicator of {@code world}; {@code onClose} runs after finalize. */
    public WorldCommunicator(World world, Duration timeout, Runnable onClose) {
        super(world, 0, identity(world.size()), timeout);
        this.onClose = onClose;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        world().reporter().endMark(ExitTimeline.FINALIZE_CALLED);
        try {
            Observation.finish(world());
            world().finalizeLocally();
        } finally {
            if (!world().closesAtExit()) {
                world().close();
            }
            onClose.run();
        }
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
