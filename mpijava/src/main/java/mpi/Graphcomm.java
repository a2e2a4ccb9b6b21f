package mpi;

import dev.jmpi.Communicator;
import java.util.Arrays;

/**
 * A communicator with a graph topology: each node (rank) has a list of neighbours. The
 * topology is bookkeeping over the communicator; communication is unchanged.
 */
public class Graphcomm extends Intracomm {

    private final int[] index;
    private final int[] edges;

    Graphcomm(Communicator core, String lineage, Comm parent, int[] index, int[] edges) {
        super(core, lineage, parent);
        this.index = index.clone();
        this.edges = edges.clone();
    }

    static void check(int[] index, int[] edges, int size) {
        if (index == null || edges == null) {
            throw new IllegalArgumentException("index and edges must not be null");
        }
        if (index.length > size) {
            throw new IllegalArgumentException(
                    "index.length=" + index.length + " nodes (expected: at most size=" + size + ")");
        }
        int prev = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < prev || index[i] > edges.length) {
                throw new IllegalArgumentException("index=" + Arrays.toString(index) + " (expected: non-decreasing,"
                        + " each at most edges.length=" + edges.length + ")");
            }
            prev = index[i];
        }
        for (int i = 0; i < prev; i++) {
            if (edges[i] < 0 || edges[i] >= index.length) {
                throw new IllegalArgumentException(
                        "edges[" + i + "]=" + edges[i] + " (expected: 0 <= edge < nnodes=" + index.length + ")");
            }
        }
    }

    /** A new graph communicator with the same topology and a fresh context. Collective. */
    @Override
    public Object clone() {
        try {
            return new Graphcomm(core().dup(), childLineage(), this, index, edges);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    @Override
    public int Topo_test() throws MPIException {
        return MPI.GRAPH;
    }

    /** The topology as given to {@code Create_graph}. */
    public GraphParms Get() throws MPIException {
        return new GraphParms(index.clone(), edges.clone());
    }

    /** The neighbours of {@code rank}, in the order given. */
    public int[] Neighbours(int rank) throws MPIException {
        try {
            checkNode(rank);
            int from = rank == 0 ? 0 : index[rank - 1];
            return Arrays.copyOfRange(edges, from, index[rank]);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** How many neighbours {@code rank} has. */
    public int Neighbours_count(int rank) throws MPIException {
        return Neighbours(rank).length;
    }

    /**
     * The rank this process would have in a graph of {@code index.length} nodes over this
     * communicator, or {@link MPI#UNDEFINED} if it would be left out.
     */
    public int Map(int[] index, int[] edges) throws MPIException {
        try {
            check(index, edges, Size());
            return Rank() < index.length ? Rank() : MPI.UNDEFINED;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private void checkNode(int rank) {
        if (rank < 0 || rank >= index.length) {
            throw new IllegalArgumentException("rank=" + rank + " (expected: 0 <= rank < nnodes=" + index.length + ")");
        }
    }
}
