package dev.jmpi.examples.heat;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;

/**
 * A 1-D heat equation solved with Jacobi iterations, the domain split across ranks: each
 * rank owns a slab of cells plus one ghost cell at each end, exchanges its edge cells with
 * its neighbours every step (halo exchange, deadlock-free with sendrecv), and all ranks
 * agree on convergence with an allreduce of the largest change. Rank 0 checks the answer
 * against the same computation done sequentially and prints both.
 *
 * <p>Arguments: {@code [cells] [maxSteps]}, defaults 1000 and 2000.
 */
public final class HeatEquation {

    private static final double TOLERANCE = 1e-9;

    private HeatEquation() {}

    /** Run with {@code bin/jmpirun -n 4 -cp examples/target/classes dev.jmpi.examples.heat.HeatEquation}. */
    public static void main(String[] args) {
        int cells = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int maxSteps = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        try (Communicator world = Jmpi.init(args)) {
            int rank = world.rank();
            int size = world.size();
            int first = cells * rank / size;
            int last = cells * (rank + 1) / size;
            int n = last - first;
            double[] u = new double[n + 2];
            double[] next = new double[n + 2];
            int left = rank > 0 ? rank - 1 : Communicator.PROC_NULL;
            int right = rank < size - 1 ? rank + 1 : Communicator.PROC_NULL;
            double t0 = Jmpi.wtime();
            int steps = 0;
            double[] change = new double[1];
            double[] maxChange = new double[1];
            do {
                // Boundary conditions: the left wall is held at 1.0, the right at 0.0.
                if (rank == 0) {
                    u[0] = 1.0;
                }
                if (rank == size - 1) {
                    u[n + 1] = 0.0;
                }
                world.sendrecv(u, n, 1, right, 0, u, 0, 1, left, 0);
                world.sendrecv(u, 1, 1, left, 1, u, n + 1, 1, right, 1);
                change[0] = jacobiStep(u, next, n);
                double[] t = u;
                u = next;
                next = t;
                steps++;
                world.allreduce(change, 0, maxChange, 0, 1, Op.MAX);
            } while (maxChange[0] > TOLERANCE && steps < maxSteps);
            double elapsed = Jmpi.wtime() - t0;
            double[] whole = rank == 0 ? new double[cells] : null;
            int[] counts = new int[size];
            int[] displs = new int[size];
            for (int r = 0; r < size; r++) {
                displs[r] = cells * r / size;
                counts[r] = cells * (r + 1) / size - displs[r];
            }
            world.gatherv(u, 1, n, whole, 0, counts, displs, 0);
            if (rank == 0) {
                double[] reference = sequential(cells, steps);
                double maxError = 0;
                for (int i = 0; i < cells; i++) {
                    maxError = Math.max(maxError, Math.abs(whole[i] - reference[i]));
                }
                System.out.printf(
                        "heat: %d cells on %d ranks, %d steps in %.3f s, u[mid]=%.6f,"
                                + " max difference from sequential = %.3e%n",
                        cells, size, steps, elapsed, whole[cells / 2], maxError);
                System.out.println(
                        maxError == 0.0
                                ? "heat: matches the sequential solution exactly"
                                : "heat: DIFFERS from the sequential solution");
            }
        }
    }

    /** One Jacobi sweep over cells 1..n; returns the largest change. */
    static double jacobiStep(double[] u, double[] next, int n) {
        double change = 0;
        for (int i = 1; i <= n; i++) {
            next[i] = 0.5 * (u[i - 1] + u[i + 1]);
            change = Math.max(change, Math.abs(next[i] - u[i]));
        }
        return change;
    }

    /** The same iteration on one rank, for checking. */
    static double[] sequential(int cells, int steps) {
        double[] u = new double[cells + 2];
        double[] next = new double[cells + 2];
        for (int s = 0; s < steps; s++) {
            u[0] = 1.0;
            u[cells + 1] = 0.0;
            jacobiStep(u, next, cells);
            double[] t = u;
            u = next;
            next = t;
        }
        double[] out = new double[cells];
        System.arraycopy(u, 1, out, 0, cells);
        return out;
    }
}
