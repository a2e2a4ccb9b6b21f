package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;

/**
 * Test rank: joins, prints its pid, then all-reduces in a loop until the job fails (a peer
 * stopped or killed); the failure escapes main.
 */
public final class AllreduceLoop {

    private AllreduceLoop() {}

    public static void main(String[] args) throws InterruptedException {
        try (Communicator world = Jmpi.init(args)) {
            world.barrier();
            Block.announcePid();
            long[] sum = new long[1];
            while (true) {
                world.allreduce(new long[] {world.rank()}, sum, Op.SUM);
                Thread.sleep(20);
            }
        }
    }
}
