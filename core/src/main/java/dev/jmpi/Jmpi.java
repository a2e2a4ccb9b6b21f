package dev.jmpi;

import dev.jmpi.core.internal.Bootstrap;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Entry point: joins the job this process belongs to and returns the world communicator.
 *
 * <pre>{@code
 * public static void main(String[] args) {
 *     try (Communicator world = Jmpi.init(args)) {
 *         System.out.println("hello from rank " + world.rank() + " of " + world.size());
 *     }
 * }
 * }</pre>
 *
 * <p>Start such a program with {@code jmpirun -n 4 -cp app.jar com.example.Main}. Where the
 * job's description comes from, in order of precedence: jmpirun's {@code JMPI_*} variables;
 * Slurm ({@code SLURM_PROCID}, {@code SLURM_NTASKS}, ...) under {@code srun}; a Kubernetes
 * Indexed Job ({@code JOB_COMPLETION_INDEX}); torchrun-style {@code RANK}/{@code WORLD_SIZE}/
 * {@code MASTER_ADDR}/{@code MASTER_PORT}. Run bare, with none of these, the program is a
 * singleton: a world of size 1, as in MPI.
 *
 * <p>Closing the returned communicator is MPI_Finalize. {@link #init} may be called once
 * per process; later calls return the same communicator until it is closed.
 */
public final class Jmpi {

    private static final long START_NANOS = System.nanoTime();

    private Jmpi() {}

    /**
     * Joins the job (see the class comment) and returns the world communicator.
     *
     * @param args the program's arguments (jmpi reads none of them today; MPI_Init takes them too)
     * @return the world communicator
     */
    public static Communicator init(String[] args) {
        return Bootstrap.initFromEnvironment();
    }

    /**
     * True between {@link #init} and closing the world communicator.
     *
     * @return whether {@link #init} has been called
     */
    public static boolean initialized() {
        return Bootstrap.current() != null;
    }

    /**
     * The world communicator of this process, if {@link #init} was called and the world not
     * closed since: for libraries that run inside a jmpi program without being handed its
     * communicator.
     *
     * @return the world communicator; empty before {@link #init} and after it was closed
     */
    public static Optional<Communicator> world() {
        return Optional.ofNullable(Bootstrap.current());
    }

    /**
     * Wall-clock seconds since an arbitrary point in the past, as MPI_Wtime.
     *
     * @return the wall-clock time in seconds
     */
    public static double wtime() {
        return (System.nanoTime() - START_NANOS) / 1e9;
    }

    /**
     * Resolution of {@link #wtime()} in seconds.
     *
     * @return the resolution of {@link #wtime()} in seconds
     */
    public static double wtick() {
        return 1e-9;
    }

    /**
     * This machine's name, as MPI_Get_processor_name.
     *
     * @return the name of this host
     */
    public static String processorName() {
        String h = Bootstrap.launcherHostname();
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
