package mpi;

import dev.jmpi.Communicator;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code MPI.Init} sets up for one rank: the core world communicator, the
 * communicators behind {@code COMM_SELF} and the object-payload channel, and the rank's
 * bookkeeping. A launched program has one; an in-process test has one per rank thread.
 */
final class MPIState {

    final Communicator world;
    final Communicator self;
    /**
     * A private duplicate of the world: the bodies of {@link MPI#OBJECT} messages travel
     * here, tagged with a per-destination sequence number named in the message's header.
     */
    final Communicator objectPayloads;

    final int worldRank;
    final boolean inProcess;
    final Thread mainThread;
    private final AtomicInteger[] payloadTags;
    private final AtomicInteger worldDerivations = new AtomicInteger();
    private final AtomicInteger selfDerivations = new AtomicInteger();
    volatile Errhandler worldErrhandler = MPI.ERRORS_RETURN;
    volatile Errhandler selfErrhandler = MPI.ERRORS_RETURN;
    private ByteBuffer attachedBuffer;
    private volatile boolean finalized;

    /** Builds the state over {@code world}; collective over the world (two derivations). */
    MPIState(Communicator world, boolean inProcess) {
        this.world = world;
        this.inProcess = inProcess;
        this.worldRank = world.rank();
        this.objectPayloads = world.dup();
        this.self = world.split(world.rank(), 0).orElseThrow(); // a colour >= 0: never empty
        this.payloadTags = new AtomicInteger[world.size()];
        for (int i = 0; i < payloadTags.length; i++) {
            payloadTags[i] = new AtomicInteger();
        }
        this.mainThread = Thread.currentThread();
    }

    /** The tag of the next object payload this rank sends to {@code destWorldRank}. */
    int nextPayloadTag(int destWorldRank) {
        return payloadTags[destWorldRank].getAndIncrement() & Communicator.TAG_UB;
    }

    String nextWorldLineage() {
        return "W." + worldDerivations.getAndIncrement();
    }

    String nextSelfLineage() {
        return "S" + worldRank + "." + selfDerivations.getAndIncrement();
    }

    synchronized void attach(ByteBuffer buffer) {
        if (attachedBuffer != null) {
            throw new IllegalStateException("Buffer_attach: a buffer of " + attachedBuffer.capacity()
                    + " bytes is already attached (expected: Buffer_detach first)");
        }
        attachedBuffer = buffer;
    }

    synchronized ByteBuffer detach() {
        ByteBuffer b = attachedBuffer;
        attachedBuffer = null;
        return b;
    }

    /**
     * Checks that a buffered send of {@code bytes} fits the attached buffer. Sends leave this
     * process eagerly, so the buffer is free again as soon as each send returns.
     */
    synchronized void checkBufferedSend(long bytes) {
        if (attachedBuffer == null) {
            throw new IllegalStateException("Bsend: no buffer is attached (expected: MPI.Buffer_attach"
                    + " with room for the message plus MPI.BSEND_OVERHEAD bytes)");
        }
        long needed = bytes + MPI.BSEND_OVERHEAD;
        if (needed > attachedBuffer.capacity()) {
            throw new IllegalStateException("Bsend: message needs " + needed + " bytes with overhead but the"
                    + " attached buffer holds " + attachedBuffer.capacity() + " (expected: a larger Buffer_attach)");
        }
    }

    boolean finalized() {
        return finalized;
    }

    void finish(boolean closeWorld) {
        finalized = true;
        self.close();
        objectPayloads.close();
        if (closeWorld) {
            world.close();
        }
    }
}
