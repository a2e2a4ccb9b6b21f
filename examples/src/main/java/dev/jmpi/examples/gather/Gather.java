package dev.jmpi.examples.gather;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.Arrays;

/** Every rank contributes its rank squared; rank 0 gathers them in rank order. */
public final class Gather {

    private Gather() {}

    /** Run with any number of ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            int[] mine = {world.rank() * world.rank()};
            int[] all = world.rank() == 0 ? new int[world.size()] : null;
            world.gather(mine, 0, 1, all, 0, 1, 0);
            if (world.rank() == 0) {
                System.out.println("rank 0 gathered " + Arrays.toString(all));
            }
        }
    }
}
