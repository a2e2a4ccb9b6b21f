package dev.jmpi.examples.alltoall;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.Arrays;

/**
 * Every rank sends element j of its array to rank j: rank i sends {@code 10*i + j}, so
 * afterwards rank j holds {@code 10*i + j} from every rank i.
 */
public final class AllToAll {

    private AllToAll() {}

    /** Run with any number of ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            int n = world.size();
            int[] out = new int[n];
            for (int j = 0; j < n; j++) {
                out[j] = 10 * world.rank() + j;
            }
            int[] in = new int[n];
            world.alltoall(out, 0, 1, in, 0, 1);
            System.out.println("rank " + world.rank() + " received " + Arrays.toString(in));
        }
    }
}
