package dev.jmpi.core.internal;

import java.time.Duration;

/**
 * The world communicator: all ranks, contexts 0 and 1. Closing it is MPI_Finalize: a
 * barrier (so no rank tears down its connections while others still talk to it), then
 * goodbye to every peer and release of the transport.
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
        try {
            if (world().breakage() == null) {
                barrier();
            }
        } finally {
            world().close();
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
