package dev.jmpi.bench.faults;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The job that fault trials break: every rank loops over a ring exchange, an all-reduce and
 * now and then a barrier, for at most {@code args[1]} seconds. A rank throws
 * {@code IllegalStateException("injected fault on rank N")} once the file
 * {@code <args[0]>/throw-N} exists. Prints {@code faulty-job rank N pid=P ready} once the
 * world is up, so the harness knows what to break.
 */
public final class FaultyJob {

    private FaultyJob() {}

    public static void main(String[] args) {
        Path triggers = Path.of(args[0]);
        long deadlineNanos = System.nanoTime() + Long.parseLong(args[1]) * 1_000_000_000L;
        try (Communicator world = Jmpi.init(args)) {
            int rank = world.rank();
            int size = world.size();
            Path trigger = triggers.resolve("throw-" + rank);
            world.barrier();
            System.out.println("faulty-job rank " + rank + " pid="
                    + ProcessHandle.current().pid() + " ready");
            System.out.flush();
            int[] in = new int[256];
            int[] out = new int[256];
            double[] sum = new double[64];
            for (long i = 0; System.nanoTime() < deadlineNanos; i++) {
                if (Files.exists(trigger)) {
                    throw new IllegalStateException("injected fault on rank " + rank);
                }
                out[0] = (int) i;
                world.sendrecv(out, 0, out.length, (rank + 1) % size, 1, in, 0, in.length, (rank + size - 1) % size, 1);
                world.allreduce(new double[64], sum, Op.SUM);
                if (i % 64 == 0) {
                    world.barrier();
                }
            }
            System.out.println("faulty-job rank " + rank + " ran out of time without a fault");
        }
    }
}
