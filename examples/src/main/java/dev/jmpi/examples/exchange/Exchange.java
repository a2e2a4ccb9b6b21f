package dev.jmpi.examples.exchange;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;

/**
 * Deadlock-free exchange around a ring: every rank sends to its right neighbour and
 * receives from its left one in one {@code sendrecv}, so no ordering of blocking sends and
 * receives is needed.
 */
public final class Exchange {

    private Exchange() {}

    /** Run with any number of ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            int right = (world.rank() + 1) % world.size();
            int left = (world.rank() - 1 + world.size()) % world.size();
            double[] out = {world.rank() * 1.5};
            double[] in = new double[1];
            world.sendrecv(out, 0, 1, right, 0, in, 0, 1, left, 0);
            System.out.println("rank " + world.rank() + " got " + in[0] + " from rank " + left);
        }
    }
}
