package mpi;

/** The graph of a graph topology, as MPI_Graph_get returns it. */
public final class GraphParms {

    private final int[] index;
    private final int[] edges;

    GraphParms(int[] index, int[] edges) {
        this.index = index;
        this.edges = edges;
    }

    /** Number of nodes. */
    public int getIndexCount() {
        return index.length;
    }

    /** Cumulative degree of nodes 0..i. */
    public int getIndex(int i) {
        return index[i];
    }

    /** Number of edges. */
    public int getEdgeCount() {
        return edges.length;
    }

    /** Edge {@code i}. */
    public int getEdge(int i) {
        return edges[i];
    }
}
