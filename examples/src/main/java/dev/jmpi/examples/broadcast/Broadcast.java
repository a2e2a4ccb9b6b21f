package dev.jmpi.examples.broadcast;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import java.util.Arrays;

/** Rank 0 fills an array; after {@code bcast} every rank holds the same values. */
public final class Broadcast {

    private Broadcast() {}

    /** Run with any number of ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            double[] data = new double[5];
            if (world.rank() == 0) {
                for (int i = 0; i < data.length; i++) {
                    data[i] = i * i;
                }
            }
            world.bcast(data, 0);
            System.out.println("rank " + world.rank() + " has " + Arrays.toString(data));
        }
    }
}
