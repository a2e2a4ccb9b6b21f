package mpi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the elements of one item of a datatype lie in the buffer, in buffer elements (bytes
 * for struct types), with the lower bound and extent that place consecutive items. Also the
 * contiguous runs of the map, so packing copies in bulk. Immutable.
 */
final class TypeMap {

    final int[] displacements;
    final int lb;
    final int extent;
    final int[] runStart;
    final int[] runLength;

    TypeMap(int[] displacements, int lb, int extent) {
        this.displacements = displacements;
        this.lb = lb;
        this.extent = extent;
        List<int[]> runs = new ArrayList<>();
        int k = 0;
        while (k < displacements.length) {
            int start = displacements[k];
            int len = 1;
            while (k + len < displacements.length && displacements[k + len] == start + len) {
                len++;
            }
            runs.add(new int[] {start, len});
            k += len;
        }
        runStart = new int[runs.size()];
        runLength = new int[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            runStart[i] = runs.get(i)[0];
            runLength[i] = runs.get(i)[1];
        }
    }

    /** A map of {@code n} consecutive elements from 0. */
    static TypeMap dense(int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return new TypeMap(d, 0, n);
    }

    int size() {
        return displacements.length;
    }

    /** True if one item is its elements side by side from 0 and the next starts right after. */
    boolean isDense() {
        return lb == 0
                && extent == displacements.length
                && (runStart.length == 0 || (runStart.length == 1 && runStart[0] == 0));
    }

    int trueLb() {
        return displacements.length == 0
                ? 0
                : Arrays.stream(displacements).min().getAsInt();
    }

    int trueExtent() {
        return displacements.length == 0
                ? 0
                : Arrays.stream(displacements).max().getAsInt() + 1 - trueLb();
    }

    /**
     * Copies of {@code old} at the given displacements (in elements), in that order; lower bound
     * and extent span every copy's own bounds, as MPI's type constructors define.
     */
    static TypeMap copies(TypeMap old, int[] at) {
        int[] d = new int[at.length * old.size()];
        int n = 0;
        long lb = Long.MAX_VALUE;
        long ub = Long.MIN_VALUE;
        for (int where : at) {
            for (int m : old.displacements) {
                d[n++] = where + m;
            }
            lb = Math.min(lb, (long) where + old.lb);
            ub = Math.max(ub, (long) where + old.lb + old.extent);
        }
        if (at.length == 0) {
            lb = 0;
            ub = 0;
        }
        return new TypeMap(d, (int) lb, (int) (ub - lb));
    }

    /** The same elements scaled to bytes: element m of {@code elementBytes} becomes bytes m*b .. m*b+b-1. */
    TypeMap toBytes(int elementBytes) {
        int[] d = new int[displacements.length * elementBytes];
        int n = 0;
        for (int m : displacements) {
            for (int b = 0; b < elementBytes; b++) {
                d[n++] = m * elementBytes + b;
            }
        }
        return new TypeMap(d, lb * elementBytes, extent * elementBytes);
    }
}
