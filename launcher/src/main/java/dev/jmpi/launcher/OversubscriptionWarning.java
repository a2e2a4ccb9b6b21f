package dev.jmpi.launcher;

/**
 * Warns when a job puts far more JVM ranks on this host than it has cores. Each rank is a
 * JVM: it spends about a second of CPU starting, holds tens of MB, and runs a few threads,
 * so on a laptop or a CI runner 1000 ranks start at a couple per second and then wait on
 * each other. The run goes on (MPICH's mpiexec accepts it too); the warning says what to
 * choose instead. Ranks as threads ({@code --threads}) are exempt: they are what it
 * recommends. {@code --oversubscribe} says the user meant it and silences it.
 */
final class OversubscriptionWarning {

    /** Local JVM ranks per core above which jmpirun warns. */
    static final int RANKS_PER_CORE_LIMIT = 4;

    private OversubscriptionWarning() {}

    /** Prints the warning on {@code log} if {@code job} oversubscribes this host's {@code cores}. */
    static void check(JobSpec job, boolean threads, boolean oversubscribe, int cores, Log log) {
        if (threads || oversubscribe) {
            return;
        }
        long local = job.placements().stream().filter(p -> !job.remote(p)).count();
        if (local <= (long) RANKS_PER_CORE_LIMIT * cores) {
            return;
        }
        log.warn(local + " ranks on this host, which has " + cores + " core" + (cores == 1 ? "" : "s")
                + " (more than " + RANKS_PER_CORE_LIMIT + " per core): each rank is a JVM, so they start slowly and"
                + " wait on each other; use --threads to run them as threads of one JVM, fewer ranks (-n "
                + RANKS_PER_CORE_LIMIT * cores + " or less), or --oversubscribe to silence this warning");
    }
}
