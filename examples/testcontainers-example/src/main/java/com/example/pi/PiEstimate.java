package com.example.pi;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import java.util.SplittableRandom;

/**
 * Estimates pi by Monte Carlo: every rank throws darts at the unit square, an all-reduce adds
 * up the hits, round after round. Run with
 * {@code jmpirun -n 4 -cp target/classes com.example.pi.PiEstimate 20 100000}.
 */
public final class PiEstimate {

    private PiEstimate() {}

    /**
     * Darts of one rank in one round that land inside the quarter circle.
     *
     * @param samples how many darts
     * @param seed the random seed (distinct per rank and round)
     * @return the hits
     */
    public static long hits(long samples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long hits = 0;
        for (long i = 0; i < samples; i++) {
            double x = random.nextDouble();
            double y = random.nextDouble();
            if (x * x + y * y <= 1.0) {
                hits++;
            }
        }
        return hits;
    }

    /**
     * One round on every rank: the estimate from all ranks' darts, the same on every rank.
     *
     * @param comm the ranks
     * @param samplesPerRank darts per rank
     * @param round the round number, for the seeds
     * @return the estimate of pi
     */
    public static double round(Communicator comm, long samplesPerRank, int round) {
        long[] total = new long[1];
        comm.allreduce(new long[] {hits(samplesPerRank, 31L * round + comm.rank())}, total, Op.SUM);
        return 4.0 * total[0] / (samplesPerRank * comm.size());
    }

    /**
     * Runs {@code args[0]} rounds (default 10) of {@code args[1]} darts per rank (default 100000).
     *
     * @param args rounds and darts per rank
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        long samples = args.length > 1 ? Long.parseLong(args[1]) : 100_000;
        try (Communicator world = Jmpi.init(args)) {
            double sum = 0;
            for (int r = 1; r <= rounds; r++) {
                sum += round(world, samples, r);
                if (world.rank() == 0) {
                    System.out.printf("round %d: pi ~ %.5f%n", r, sum / r);
                }
            }
        }
    }
}
