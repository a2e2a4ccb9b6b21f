package dev.jmpi;

import dev.jmpi.core.internal.Bootstrap;
import dev.jmpi.core.internal.Observation;
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
     * Profiling control, as MPI_Pcontrol: {@code pcontrol(0)} stops recording this rank's calls
     * for {@code jmpirun --stats}, {@code --trace} and JFR events, and {@code pcontrol(1)} (or any
     * higher level) records them again, so that the report covers the part being tuned:
     *
     * <pre>{@code
     * Jmpi.pcontrol(0);   // set-up and input, not recorded
     * setUp(world);
     * Jmpi.pcontrol(1);   // the solver, recorded
     * solve(world);
     * }</pre>
     *
     * A call that started while recording is still recorded when it ends. Call it at the same
     * point on every rank, as with MPI_Pcontrol under mpiP: a send recorded on one rank whose
     * receive was not on the other is counted as unmatched in the trace, and a collective some
     * members did not record is timed by the imbalance among those that did. Without
     * observation it does nothing. The statistics' wall-time shares stay shares of the time
     * since {@link #init}.
     *
     * @param level 0 to stop recording; 1 or more to record
     * @throws InvalidArgumentException if {@code level} is negative
     * @throws IllegalStateException before {@link #init} or after the world was closed
     */
    public static void pcontrol(int level) {
        if (level < 0) {
            throw new InvalidArgumentException(
                    "Jmpi.pcontrol(" + level + ") (expected: 0 to stop recording, 1 or more to record)");
        }
        Communicator world = Bootstrap.current();
        if (world == null) {
            throw new IllegalStateException("Jmpi.pcontrol(" + level
                    + ") called outside a job (expected: between Jmpi.init and closing the world communicator)");
        }
        Observation.recorder(world).pause(level == 0);
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
