package dev.jmpi.launcher;

/**
 * Which Java MPI API's package {@code mpi} the ranks get ({@code --mpi-api}). The two
 * facades share the package name, so a rank's class path holds at most one of them.
 */
public enum MpiApi {
    /** The one the application's classes use (see {@link MpiApiDetector}); mpiJava if they use neither. */
    AUTO,
    /** mpiJava 1.2 / MPJ Express ({@code jmpi-mpijava}: {@code Cartcomm}, {@code COMM_WORLD.Rank()}). */
    MPIJAVA,
    /** Open MPI's Java bindings ({@code jmpi-ompijava}: {@code CartComm}, {@code COMM_WORLD.getRank()}). */
    OPENMPI,
    /** Neither facade: programs written against jmpi's own API ({@code dev.jmpi}). */
    NONE
}
