package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;

/**
 * A real jmpi program: passes each rank's number to its right neighbour with sendrecv, then
 * all-reduces the ranks' sum. With argument {@code die=R}, rank R sends itself SIGKILL after
 * init while the others wait in the all-reduce.
 */
public final class RingAllreduce {

    private RingAllreduce() {}

    public static void main(String[] args) throws Exception {
        try (Communicator world = Jmpi.init(args)) {
            int rank = world.rank();
            int size = world.size();
            if (args.length > 0 && args[0].equals("die=" + rank)) {
                System.err.println("rank " + rank + " about to SIGKILL itself");
                System.err.flush();
                new ProcessBuilder(
                                "kill",
                                "-KILL",
                                Long.toString(ProcessHandle.current().pid()))
                        .start()
                        .waitFor();
            }
            int[] fromLeft = new int[1];
            world.sendrecv(new int[] {rank}, 0, 1, (rank + 1) % size, 1, fromLeft, 0, 1, (rank + size - 1) % size, 1);
            long[] sum = new long[1];
            world.allreduce(new long[] {rank}, sum, Op.SUM);
            System.out.println("rank " + rank + " of " + size + ": left=" + fromLeft[0] + " sum=" + sum[0]);
        }
    }
}
