package dev.jmpi.examples.pointtopoint;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Status;
import java.util.Arrays;

/** Rank 0 sends an array to every other rank; each receives it and reports what came. */
public final class PointToPoint {

    private static final int TAG = 11;

    private PointToPoint() {}

    /** Run with 2 or more ranks. */
    public static void main(String[] args) {
        try (Communicator world = Jmpi.init(args)) {
            if (world.rank() == 0) {
                for (int dest = 1; dest < world.size(); dest++) {
                    int[] data = {dest, dest * 10, dest * 100};
                    world.send(data, dest, TAG);
                }
                System.out.println("rank 0 sent " + (world.size() - 1) + " messages");
            } else {
                int[] data = new int[3];
                Status s = world.recv(data, 0, TAG);
                System.out.println("rank " + world.rank() + " received " + Arrays.toString(data) + " from rank "
                        + s.source() + " with tag " + s.tag());
            }
        }
    }
}
