package mpi;

/** A process's in- and out-neighbours in a (distributed) graph, with weights. */
public final class DistGraphNeighbors {

    private final Neighbors n;

    DistGraphNeighbors(Neighbors n) {
        this.n = n;
    }

    /** Number of in-neighbours (sources). */
    public int getInDegree() {
        return n.sources.length;
    }

    /** Number of out-neighbours (destinations). */
    public int getOutDegree() {
        return n.destinations.length;
    }

    /** True if the graph was made with weights. */
    public boolean isWeighted() {
        return n.weighted;
    }

    /** In-neighbour {@code i}. */
    public int getSource(int i) {
        return n.sources[i];
    }

    /** Weight of the edge from in-neighbour {@code i}. */
    public int getSourceWeight(int i) {
        return n.sourceWeights == null ? 1 : n.sourceWeights[i];
    }

    /** Out-neighbour {@code i}. */
    public int getDestination(int i) {
        return n.destinations[i];
    }

    /** Weight of the edge to out-neighbour {@code i}. */
    public int getDestinationWeight(int i) {
        return n.destWeights == null ? 1 : n.destWeights[i];
    }
}
