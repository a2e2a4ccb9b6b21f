package mpi;

import dev.jmpi.Communicator;

/**
 * {@code MPI.COMM_WORLD} and {@code MPI.COMM_SELF}: one object for the whole process, whose
 * core communicator is the calling rank's (looked up per call, so in-process tests can run
 * several ranks as threads of one JVM).
 */
final class BoundIntracomm extends Intracomm {

    private final boolean world;

    BoundIntracomm(boolean world) {
        super(null, world ? "W" : "S", null);
        this.world = world;
    }

    @Override
    Communicator core() {
        MPIState s = MPI.state();
        return world ? s.world : s.self;
    }

    @Override
    synchronized String childLineage() {
        MPIState s = MPI.state();
        return world ? s.nextWorldLineage() : s.nextSelfLineage();
    }

    @Override
    Errhandler errhandler() {
        MPIState s = MPI.current();
        if (s == null) {
            return MPI.ERRORS_RETURN;
        }
        return world ? s.worldErrhandler : s.selfErrhandler;
    }

    @Override
    void setErrhandler(Errhandler h) {
        MPIState s = MPI.state();
        if (world) {
            s.worldErrhandler = h;
        } else {
            s.selfErrhandler = h;
        }
    }

    @Override
    public void Free() throws MPIException {
        throw Errors.error("Free: " + (world ? "MPI.COMM_WORLD" : "MPI.COMM_SELF")
                + " is predefined (expected: a communicator you created; MPI.Finalize releases it)");
    }

    @Override
    public boolean Is_null() {
        return false;
    }

    @Override
    public String toString() {
        return world ? "MPI.COMM_WORLD" : "MPI.COMM_SELF";
    }
}
