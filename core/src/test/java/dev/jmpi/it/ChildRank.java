package dev.jmpi.it;

import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.JmpiException;
import dev.jmpi.Op;

/**
 * A rank program for multi-process tests, started as a real JVM with jmpirun-style
 * variables. Modes: {@code traffic SEED} runs {@link RandomTraffic}; {@code allreduce-forever}
 * repeats allreduce until the job breaks, then prints the exception and exits 3.
 */
public final class ChildRank {

    private ChildRank() {}

    /** Entry point. */
    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Communicator world = Jmpi.init(args);
        System.out.println(
                "ready rank " + world.rank() + " pid " + ProcessHandle.current().pid());
        System.out.flush();
        switch (mode) {
            case "traffic" -> {
                RandomTraffic.run(world, Long.parseLong(args[1]), 2);
                double[] sum = new double[1];
                world.allreduce(new double[] {world.rank()}, sum, Op.SUM);
                System.out.println("traffic ok rank " + world.rank() + " sum " + (long) sum[0]);
            }
            case "allreduce-forever" -> {
                try {
                    long rounds = 0;
                    while (true) {
                        int[] out = new int[1];
                        world.allreduce(new int[] {1}, out, Op.SUM);
                        if (++rounds == 50) {
                            System.out.println("running rank " + world.rank());
                            System.out.flush();
                        }
                    }
                } catch (JmpiException e) {
                    System.out.println("failed rank " + world.rank() + ": "
                            + e.getClass().getSimpleName() + ": " + e.getMessage());
                    System.out.flush();
                    System.exit(3);
                }
            }
            default -> throw new IllegalArgumentException("mode=" + mode);
        }
        world.close();
    }
}
