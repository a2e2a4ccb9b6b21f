package dev.jmpi.examples.cartesian;

import dev.jmpi.CartesianCommunicator;
import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.Arrays;

/**
 * The virtual-topology recipe: arrange the ranks in a periodic 2-D grid, find each rank's
 * neighbours with {@code shift}, and exchange ranks with them.
 */
public final class CartesianShift {

    private CartesianShift() {}

    /** Run with any number of ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            int[] dims = CartesianCommunicator.dimsCreate(world.size(), new int[2]);
            // dimsCreate uses every rank, so no rank is left out of the grid (never empty).
            CartesianCommunicator grid = world.createCartesian(dims, new boolean[] {true, true}, false)
                    .orElseThrow();
            int[] coords = grid.coords(grid.rank());
            CartesianCommunicator.Shift upDown = grid.shift(0, 1);
            CartesianCommunicator.Shift leftRight = grid.shift(1, 1);
            int[] neighbours = new int[4];
            int[] me = {grid.rank()};
            int[] in = new int[1];
            grid.sendrecv(me, 0, 1, upDown.dest(), 0, in, 0, 1, upDown.source(), 0);
            neighbours[0] = in[0];
            grid.sendrecv(me, 0, 1, upDown.source(), 1, in, 0, 1, upDown.dest(), 1);
            neighbours[1] = in[0];
            grid.sendrecv(me, 0, 1, leftRight.dest(), 2, in, 0, 1, leftRight.source(), 2);
            neighbours[2] = in[0];
            grid.sendrecv(me, 0, 1, leftRight.source(), 3, in, 0, 1, leftRight.dest(), 3);
            neighbours[3] = in[0];
            System.out.println("rank " + grid.rank() + " coords " + Arrays.toString(coords)
                    + " neighbours (up, down, left, right) = " + Arrays.toString(neighbours));
        }
    }
}
