package mpi;

import dev.jmpi.Communicator;

/** A communicator with a graph or distributed-graph topology (bookkeeping in the facade). */
public final class GraphComm extends Intracomm {

    private final Neighbors neighbors;

    GraphComm(Communicator core, Neighbors neighbors) {
        super(core);
        this.neighbors = neighbors;
    }

    static void checkGraph(int[] index, int[] edges, int size) throws MPIException {
        if (index.length > size) {
            throw new MPIException(
                    ErrorCodes.ERR_TOPOLOGY,
                    "index.length=" + index.length + " nodes (expected: <= communicator size " + size + ")",
                    null);
        }
        int prev = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < prev || index[i] > edges.length) {
                throw new MPIException(
                        ErrorCodes.ERR_TOPOLOGY,
                        "index[" + i + "]=" + index[i] + " (expected: non-decreasing, at most edges.length="
                                + edges.length + ")",
                        null);
            }
            prev = index[i];
        }
        for (int i = 0; i < edges.length; i++) {
            if (edges[i] < 0 || edges[i] >= index.length) {
                throw new MPIException(
                        ErrorCodes.ERR_TOPOLOGY,
                        "edges[" + i + "]=" + edges[i] + " (expected: a node 0.." + (index.length - 1) + ")",
                        null);
            }
        }
    }

    @Override
    Neighbors topology() throws MPIException {
        core();
        return neighbors;
    }

    @Override
    public GraphComm clone() {
        return (GraphComm) super.clone();
    }

    @Override
    public GraphComm dup() throws MPIException {
        Communicator d = Errors.call(() -> core().dup());
        GraphComm c = new GraphComm(d, neighbors);
        copyStateTo(c);
        return c;
    }

    @Override
    public int getTopology() throws MPIException {
        core();
        return neighbors.index != null ? MPI.GRAPH : MPI.DIST_GRAPH;
    }

    /** The whole graph (graph topologies only). */
    public GraphParms getDims() throws MPIException {
        core();
        if (neighbors.index == null) {
            throw new MPIException(
                    ErrorCodes.ERR_TOPOLOGY,
                    "getDims() on a distributed graph" + " (expected: a graph made by createGraph)",
                    null);
        }
        return new GraphParms(neighbors.index.clone(), neighbors.edges.clone());
    }

    /** The neighbours of {@code rank} (graph topologies only). */
    public int[] getNeighbors(int rank) throws MPIException {
        GraphParms g = getDims();
        if (rank < 0 || rank >= g.getIndexCount()) {
            throw new MPIException(
                    ErrorCodes.ERR_RANK, "rank=" + rank + " (expected: 0 <= rank < " + g.getIndexCount() + ")", null);
        }
        return Neighbors.of(neighbors.index, neighbors.edges, rank);
    }

    /** This process's in- and out-neighbours. */
    public DistGraphNeighbors getDistGraphNeighbors() throws MPIException {
        core();
        return new DistGraphNeighbors(neighbors);
    }

    /** The rank this process would have in such a graph: its own, or {@code MPI.UNDEFINED} past the nodes. */
    public int map(int[] index, int[] edges) throws MPIException {
        int r = getRank();
        return r < index.length ? r : MPI.UNDEFINED;
    }
}
