package dev.jmpi.launcher.apps;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import dev.jmpi.Request;

/**
 * The first bug a user writes: rank 1 throws inside the README's try-with-resources while
 * every other rank waits for it in the operation named by the first argument. With a second
 * argument {@code no-close}, rank 1 throws outside any try-with-resources. Rank 0 always
 * needs something from rank 1 (in {@code gather} it is the root); rank 2 may not.
 */
public final class ThrowWhileOthersWait {

    private ThrowWhileOthersWait() {}

    public static void main(String[] args) {
        String waitIn = args[0];
        boolean close = args.length < 2 || !args[1].equals("no-close");
        if (!close) {
            Communicator w = Jmpi.init(args);
            run(w, waitIn);
            return;
        }
        try (Communicator w = Jmpi.init(args)) {
            run(w, waitIn);
        }
    }

    private static void run(Communicator w, String waitIn) {
        System.out.println(
                "rank " + w.rank() + " pid=" + ProcessHandle.current().pid());
        System.out.flush();
        if (w.rank() == 1) {
            throw new IllegalStateException("boom");
        }
        switch (waitIn) {
            case "recv" -> w.recv(new int[1], 1, 0);
            case "ssend" -> w.ssend(new int[1], 0, 1, 1, 0);
            case "probe" -> w.probe(1, 0);
            case "requests" -> Request.awaitAll(w.irecv(new int[1], 0, 1, 1, 0), w.irecv(new long[1], 0, 1, 1, 1));
            case "barrier" -> w.barrier();
            case "bcast" -> w.bcast(new double[8], 1);
            case "allreduce" -> w.allreduce(new double[1000], new double[1000], Op.SUM);
            case "gather" -> w.gather(new int[2], 0, 2, new int[2 * w.size()], 0, 2, 0);
            default -> throw new IllegalArgumentException("waitIn=" + waitIn);
        }
        System.out.println("rank " + w.rank() + " returned from " + waitIn);
    }
}
