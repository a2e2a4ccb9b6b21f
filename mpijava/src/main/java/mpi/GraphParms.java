package mpi;

/** What {@link Graphcomm#Get()} returns: the graph as given to {@code Create_graph}. */
public class GraphParms {

    /** Cumulative neighbour counts: node i's neighbours end before {@code edges[index[i]]}. */
    public int[] index;
    /** Neighbour lists of all nodes, back to back. */
    public int[] edges;

    GraphParms(int[] index, int[] edges) {
        this.index = index;
        this.edges = edges;
    }
}
