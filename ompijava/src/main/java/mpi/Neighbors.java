package mpi;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's neighbourhood in a virtual topology: in-neighbours (sources) and
 * out-neighbours (destinations), with weights, in MPI's order; and for graph topologies the
 * whole graph, which MPI_Graph_get returns. Immutable.
 */
final class Neighbors {

    final int[] sources;
    final int[] sourceWeights;
    final int[] destinations;
    final int[] destWeights;
    final boolean weighted;
    /** MPI_GRAPH's index and edges, or {@code null} for a distributed graph. */
    final int[] index;

    final int[] edges;
    /** Tags that tell apart repeated neighbours (Cartesian: the slot a message lands in), or null. */
    final int[] sendTags;

    final int[] recvTags;

    private Neighbors(
            int[] sources,
            int[] sourceWeights,
            int[] destinations,
            int[] destWeights,
            boolean weighted,
            int[] index,
            int[] edges,
            int[] sendTags,
            int[] recvTags) {
        this.sources = sources;
        this.sourceWeights = sourceWeights;
        this.destinations = destinations;
        this.destWeights = destWeights;
        this.weighted = weighted;
        this.index = index;
        this.edges = edges;
        this.sendTags = sendTags;
        this.recvTags = recvTags;
    }

    static Neighbors graph(int[] index, int[] edges, int rank) {
        int[] mine = of(index, edges, rank);
        return new Neighbors(mine, null, mine, null, false, index.clone(), edges.clone(), null, null);
    }

    /** Neighbours of {@code rank} in an MPI_GRAPH given by index and edges. */
    static int[] of(int[] index, int[] edges, int rank) {
        int from = rank == 0 ? 0 : index[rank - 1];
        int[] out = new int[index[rank] - from];
        System.arraycopy(edges, from, out, 0, out.length);
        return out;
    }

    static Neighbors dist(int[] sources, int[] sw, int[] destinations, int[] dw, boolean weighted) {
        return new Neighbors(sources, sw, destinations, dw, weighted, null, null, null, null);
    }

    /** A process's neighbourhood from every process's edge list (source, destination, weight). */
    static Neighbors fromEdges(List<List<int[]>> all, int rank, boolean weighted) {
        List<int[]> in = new ArrayList<>();
        List<int[]> out = new ArrayList<>();
        for (List<int[]> edges : all) {
            for (int[] e : edges) {
                if (e[1] == rank) {
                    in.add(e);
                }
                if (e[0] == rank) {
                    out.add(e);
                }
            }
        }
        return new Neighbors(
                column(in, 0), column(in, 2), column(out, 1), column(out, 2), weighted, null, null, null, null);
    }

    /** For each dimension, the neighbour at -1 then at +1 (PROC_NULL off a non-periodic edge). */
    static Neighbors cartesian(int[] shifts) {
        int n = shifts.length;
        int[] sendTags = new int[n];
        int[] recvTags = new int[n];
        for (int k = 0; k < n; k++) {
            recvTags[k] = k;
            sendTags[k] = k ^ 1;
        }
        return new Neighbors(shifts, null, shifts, null, false, null, null, sendTags, recvTags);
    }

    private static int[] column(List<int[]> rows, int c) {
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i)[c];
        }
        return out;
    }
}
