package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;

/**
 * Test rank: {@code ThrowInAllreduce RANK}: every rank all-reduces in a loop; at step 5 that
 * rank throws {@code IllegalStateException: boom at step 5} out of main (through the
 * try-with-resources close of its world), while the others wait in the next all-reduce.
 */
public final class ThrowInAllreduce {

    private ThrowInAllreduce() {}

    public static void main(String[] args) {
        int thrower = Integer.parseInt(args[0]);
        try (Communicator world = Jmpi.init(args)) {
            long[] sum = new long[1];
            for (int step = 0; ; step++) {
                if (step == 5 && world.rank() == thrower) {
                    throw new IllegalStateException("boom at step " + step);
                }
                world.allreduce(new long[] {step}, sum, Op.SUM);
            }
        }
    }
}
