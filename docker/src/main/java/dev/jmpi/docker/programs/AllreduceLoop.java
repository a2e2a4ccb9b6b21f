package dev.jmpi.docker.programs;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.JmpiException;
import dev.jmpi.Op;
import dev.jmpi.RankFailedException;

/**
 * A job that keeps every rank busy in all-reduces, for failure tests: each round all-reduces
 * {@code rank + round} and checks the sum. It prints {@code allreduce-loop: rank R of N
 * running} after the first round, a line every {@code 100} rounds, and on success
 * {@code allreduce-loop: rank R done after K rounds}. When a peer fails, it prints
 * {@code allreduce-loop: rank R detected failure of rank F: <message>} and exits with status 3 (status 4 for any other jmpi failure,
 * for example an abort by another rank).
 *
 * <p>Usage: {@code AllreduceLoop [rounds]}; {@code 0} (the default) runs until a peer fails.
 */
public final class AllreduceLoop {

    /** Exit status after a detected peer failure. */
    public static final int PEER_FAILED_EXIT = 3;

    /** Exit status after any other jmpi failure (for example, aborted by another rank). */
    public static final int OTHER_FAILURE_EXIT = 4;

    private AllreduceLoop() {}

    /** Runs the loop; see the class comment. */
    public static void main(String[] args) {
        long rounds = args.length > 0 ? Long.parseLong(args[0]) : 0;
        int rank = -1;
        try (Communicator world = Jmpi.init(args)) {
            rank = world.rank();
            int size = world.size();
            long[] in = new long[1];
            long[] out = new long[1];
            for (long round = 0; rounds == 0 || round < rounds; round++) {
                in[0] = rank + round;
                world.allreduce(in, out, Op.SUM);
                long expected = (long) size * (size - 1) / 2 + size * round;
                if (out[0] != expected) {
                    throw new IllegalStateException("rank " + rank + " round " + round + ": allreduce gave " + out[0]
                            + " (expected: " + expected + ")");
                }
                if (round == 0) {
                    System.out.println("allreduce-loop: rank " + rank + " of " + size + " running");
                } else if (round % 100 == 0) {
                    System.out.println("allreduce-loop: rank " + rank + " round " + round);
                }
            }
            System.out.println("allreduce-loop: rank " + rank + " done after " + rounds + " rounds");
        } catch (RankFailedException e) {
            System.out.println("allreduce-loop: rank " + rank + " detected failure of rank " + e.failedRank() + ": "
                    + e.getMessage());
            System.out.flush();
            e.printStackTrace();
            System.exit(PEER_FAILED_EXIT);
        } catch (JmpiException e) {
            System.out.println("allreduce-loop: rank " + rank + " failed: " + e.getMessage());
            System.out.flush();
            e.printStackTrace();
            System.exit(OTHER_FAILURE_EXIT);
        }
    }
}
