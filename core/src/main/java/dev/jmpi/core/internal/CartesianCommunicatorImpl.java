package dev.jmpi.core.internal;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.InvalidArgumentException;
import java.time.Duration;
import java.util.Arrays;

/** A communicator with a Cartesian grid over its ranks, row-major (last dimension fastest). */
final class CartesianCommunicatorImpl extends CommunicatorImpl implements CartesianCommunicator {

    private final int[] dims;
    private final boolean[] periods;

    CartesianCommunicatorImpl(
            World world, int context, int[] worldRanks, Duration timeout, int[] dims, boolean[] periods) {
        super(world, context, worldRanks, timeout);
        this.dims = dims.clone();
        this.periods = periods.clone();
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public boolean[] periods() {
        return periods.clone();
    }

    @Override
    public int[] coords(int rank) {
        if (rank < 0 || rank >= size()) {
            throw new InvalidArgumentException("rank=" + rank + " (expected: 0 <= rank < size=" + size() + ")");
        }
        int[] c = new int[dims.length];
        int rest = rank;
        for (int d = dims.length - 1; d >= 0; d--) {
            c[d] = rest % dims[d];
            rest /= dims[d];
        }
        return c;
    }

    @Override
    public int rankOf(int[] coords) {
        if (coords == null || coords.length != dims.length) {
            throw new InvalidArgumentException(
                    "coords=" + Arrays.toString(coords) + " (expected: " + dims.length + " coordinates)");
        }
        int r = 0;
        for (int d = 0; d < dims.length; d++) {
            int c = coords[d];
            if (c < 0 || c >= dims[d]) {
                if (!periods[d]) {
                    throw new InvalidArgumentException("coords[" + d + "]=" + c + " (expected: 0 <= coords[" + d
                            + "] < " + dims[d] + " in a non-periodic dimension)");
                }
                c = Math.floorMod(c, dims[d]);
            }
            r = r * dims[d] + c;
        }
        return r;
    }

    @Override
    public Shift shift(int dimension, int displacement) {
        if (dimension < 0 || dimension >= dims.length) {
            throw new InvalidArgumentException(
                    "dimension=" + dimension + " (expected: 0 <= dimension < " + dims.length + ")");
        }
        int[] me = coords(rank());
        return new Shift(neighbour(me, dimension, -displacement), neighbour(me, dimension, displacement));
    }

    private int neighbour(int[] me, int dimension, int displacement) {
        int[] c = me.clone();
        c[dimension] += displacement;
        if (!periods[dimension] && (c[dimension] < 0 || c[dimension] >= dims[dimension])) {
            return Communicator.PROC_NULL;
        }
        return rankOf(c);
    }

    @Override
    public CartesianCommunicator sub(boolean[] remainDims) {
        if (remainDims == null || remainDims.length != dims.length) {
            throw new InvalidArgumentException("remainDims.length=" + (remainDims == null ? "null" : remainDims.length)
                    + " (expected: " + dims.length + ")");
        }
        int[] me = coords(rank());
        int color = 0;
        int key = 0;
        int kept = 0;
        for (int d = 0; d < dims.length; d++) {
            if (remainDims[d]) {
                key = key * dims[d] + me[d];
                kept++;
            } else {
                color = color * dims[d] + me[d];
            }
        }
        // color >= 0 (never UNDEFINED): every rank gets its sub-grid.
        CommunicatorImpl part = (CommunicatorImpl) split(color, key).orElseThrow();
        int[] subDims = new int[kept];
        boolean[] subPeriods = new boolean[kept];
        int k = 0;
        for (int d = 0; d < dims.length; d++) {
            if (remainDims[d]) {
                subDims[k] = dims[d];
                subPeriods[k++] = periods[d];
            }
        }
        return new CartesianCommunicatorImpl(
                world(), part.context(), part.worldRanks(), timeout(), subDims, subPeriods);
    }
}
