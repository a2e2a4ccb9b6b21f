package dev.jmpi.examples.scatter;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.Arrays;

/** Rank 0 holds {@code size * 2} numbers; each rank receives its block of 2. */
public final class Scatter {

    private Scatter() {}

    /** Run with any number of ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            int[] all = null;
            if (world.rank() == 0) {
                all = new int[world.size() * 2];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i;
                }
            }
            int[] mine = new int[2];
            world.scatter(all, 0, 2, mine, 0, 2, 0);
            System.out.println("rank " + world.rank() + " got " + Arrays.toString(mine));
        }
    }
}
