package mpi;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import java.util.Optional;

/**
 * A communicator within one group: collectives, communicator management and topologies.
 * Every method here is collective: all members call it, in the same order.
 */
public class Intracomm extends Comm {

    private final Communicator core;

    Intracomm(Communicator core, String lineage, Comm parent) {
        super(lineage, parent);
        this.core = core;
    }

    /** The core communicator behind this one. */
    Communicator core() {
        checkLive();
        return core;
    }

    @Override
    Communicator p2pCore() {
        return core();
    }

    @Override
    public int Size() throws MPIException {
        try {
            return core().size();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public int Rank() throws MPIException {
        try {
            return core().rank();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public Group Group() throws MPIException {
        try {
            return new Group(core().group());
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** {@link #Dup()}. */
    @Override
    public Object clone() {
        return Dup();
    }

    /** A new communicator with the same group and a fresh context. */
    public Intracomm Dup() throws MPIException {
        try {
            Communicator c = core().dup();
            return new Intracomm(c, childLineage(), this);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * Partitions the group by {@code colour}, ordering each part by {@code key} then rank;
     * returns null where {@code colour} is {@link MPI#UNDEFINED}.
     */
    public Intracomm Split(int colour, int key) throws MPIException {
        try {
            Optional<Communicator> c = core().split(Wildcards.undefinedToCore(colour), key);
            String lineage = childLineage();
            return c.map(comm -> new Intracomm(comm, lineage, this)).orElse(null); // mpiJava's MPI_COMM_NULL
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** A communicator of the members of {@code group}; null on processes outside it. */
    public Intracomm Create(Group group) throws MPIException {
        try {
            Optional<Communicator> c = core().create(group.core());
            String lineage = childLineage();
            return c.map(comm -> new Intracomm(comm, lineage, this)).orElse(null);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public void Free() throws MPIException {
        try {
            core().close();
        } catch (RuntimeException e) {
            throw fail(e);
        }
        super.Free();
    }

    // ------------------------------------------------------------------ topologies

    /**
     * A Cartesian grid of {@code dims} over the first ranks (row-major: the last dimension
     * varies fastest); null on ranks beyond the grid. jmpi keeps rank order whatever
     * {@code reorder} says.
     */
    public Cartcomm Create_cart(int[] dims, boolean[] periods, boolean reorder) throws MPIException {
        try {
            Optional<CartesianCommunicator> c = core().createCartesian(dims, periods, reorder);
            String lineage = childLineage();
            return c.map(comm -> new Cartcomm(comm, lineage, this)).orElse(null);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /**
     * A graph topology over the first {@code index.length} ranks: node i's neighbours are
     * {@code edges[index[i-1] .. index[i]-1]} ({@code index[-1]} being 0). Null on ranks
     * beyond the graph. jmpi keeps rank order whatever {@code reorder} says.
     */
    public Graphcomm Create_graph(int[] index, int[] edges, boolean reorder) throws MPIException {
        try {
            Graphcomm.check(index, edges, core().size());
            int[] members = new int[index.length];
            for (int i = 0; i < members.length; i++) {
                members[i] = i;
            }
            Optional<Communicator> c = core().create(core().group().incl(members));
            String lineage = childLineage();
            return c.map(comm -> new Graphcomm(comm, lineage, this, index, edges))
                    .orElse(null);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    // ------------------------------------------------------------------ collectives

    /** Blocks until every member has called it. */
    public void Barrier() throws MPIException {
        try {
            core().barrier();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** The root's {@code count} items are copied into every member's buffer. */
    public void Bcast(Object buf, int offset, int count, Datatype type, int root) throws MPIException {
        try {
            Collectives.bcast(core(), buf, offset, count, type, root);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Each member's items land in the root's buffer, member i's at item {@code i * recvcount}. */
    public void Gather(
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        try {
            Collectives.gather(
                    core(), sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype, root);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Gather with per-member counts and displacements (in items of {@code recvtype}). */
    public void Gatherv(
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int[] recvcount,
            int[] displs,
            Datatype recvtype,
            int root)
            throws MPIException {
        try {
            Collectives.gatherv(
                    core(),
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    displs,
                    recvtype,
                    root);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Block i of the root's buffer goes to member i. */
    public void Scatter(
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        try {
            Collectives.scatter(
                    core(), sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype, root);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Scatter with per-member counts and displacements (in items of {@code sendtype}). */
    public void Scatterv(
            Object sendbuf,
            int sendoffset,
            int[] sendcount,
            int[] displs,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype,
            int root)
            throws MPIException {
        try {
            Collectives.scatterv(
                    core(),
                    sendbuf,
                    sendoffset,
                    sendcount,
                    displs,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    recvtype,
                    root);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Gather to every member. */
    public void Allgather(
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype)
            throws MPIException {
        try {
            Collectives.allgather(
                    core(), sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Gatherv to every member. */
    public void Allgatherv(
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int[] recvcount,
            int[] displs,
            Datatype recvtype)
            throws MPIException {
        try {
            Collectives.allgatherv(
                    core(), sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, displs, recvtype);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Block j of member i's send buffer goes to block i of member j's receive buffer. */
    public void Alltoall(
            Object sendbuf,
            int sendoffset,
            int sendcount,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int recvcount,
            Datatype recvtype)
            throws MPIException {
        try {
            Collectives.alltoall(
                    core(), sendbuf, sendoffset, sendcount, sendtype, recvbuf, recvoffset, recvcount, recvtype);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Alltoall with per-member counts and displacements. */
    public void Alltoallv(
            Object sendbuf,
            int sendoffset,
            int[] sendcount,
            int[] sdispls,
            Datatype sendtype,
            Object recvbuf,
            int recvoffset,
            int[] recvcount,
            int[] rdispls,
            Datatype recvtype)
            throws MPIException {
        try {
            Collectives.alltoallv(
                    core(),
                    sendbuf,
                    sendoffset,
                    sendcount,
                    sdispls,
                    sendtype,
                    recvbuf,
                    recvoffset,
                    recvcount,
                    rdispls,
                    recvtype);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Combines every member's items with {@code op}; the result lands at the root. */
    public void Reduce(
            Object sendbuf,
            int sendoffset,
            Object recvbuf,
            int recvoffset,
            int count,
            Datatype datatype,
            Op op,
            int root)
            throws MPIException {
        try {
            Reductions.reduce(core(), sendbuf, sendoffset, recvbuf, recvoffset, count, datatype, op, root);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Reduce with the result on every member. */
    public void Allreduce(
            Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype, Op op)
            throws MPIException {
        try {
            Reductions.allreduce(core(), sendbuf, sendoffset, recvbuf, recvoffset, count, datatype, op);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Reduces {@code sum(recvcounts)} items; member i receives {@code recvcounts[i]} of the result. */
    public void Reduce_scatter(
            Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int[] recvcounts, Datatype datatype, Op op)
            throws MPIException {
        try {
            Reductions.reduceScatter(core(), sendbuf, sendoffset, recvbuf, recvoffset, recvcounts, datatype, op);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** Inclusive prefix reduction: member i receives the combination of members 0..i. */
    public void Scan(
            Object sendbuf, int sendoffset, Object recvbuf, int recvoffset, int count, Datatype datatype, Op op)
            throws MPIException {
        try {
            Reductions.scan(core(), sendbuf, sendoffset, recvbuf, recvoffset, count, datatype, op);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }
}
