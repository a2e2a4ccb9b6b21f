package dev.jmpi.core.internal;

/**
 * Makes the end of a rank's program tell the truth to its peers and its launcher.
 *
 * <ul>
 *   <li>An exception that escapes the thread that joined the job (usually {@code main}) is
 *       printed as Java prints it, sent to every peer as this rank's failure (so a peer
 *       waiting for us fails with "rank 1 ... failed: java.lang.IllegalStateException: boom"
 *       instead of waiting for ever) and reported to the launcher; then the process exits
 *       with status 1, as a Java program whose main threw does.</li>
 *   <li>At the process's exit the transport is closed; a rank that exits without having
 *       closed its world communicator (System.exit, or main returning) is reported as the
 *       cause. Under jmpirun the launcher sees it (no FINALIZED report) and ends the job;
 *       without a launcher the peers are told directly. (Under jmpirun the peers are not told
 *       from here: jmpirun's own timeout stops ranks with SIGTERM, and each must still print
 *       what it was blocked in rather than fail on another rank's exit.)</li>
 * </ul>
 *
 * <p>Installed once per process by {@link Bootstrap}; the world then keeps its connections
 * open after finalize until the process exits, so that an exception thrown after a
 * try-with-resources closed the world still reaches the peers. A finalized rank closes its
 * lifeline last: HotSpot's exit waits up to ~300 ms for a thread still blocked in a socket read.
 */
final class RankExitGuard {

    private RankExitGuard() {}

    static void install(World world, Thread programThread, boolean launched) {
        world.closeAtExit();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> {
            print(previous, thread, error);
            if (thread == programThread) {
                try {
                    world.programFailed(error);
                } finally {
                    System.exit(1);
                }
            }
        });
        Thread hook = new Thread(() -> atExit(world, launched), "jmpi-exit-r" + world.rank());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * A finalized rank closes its connections in order (goodbye). One that did not finalize
     * is dying: under jmpirun (which stops ranks with SIGTERM and knows which rank never
     * finalized) it prints what it was blocked in and leaves its connections to be reset,
     * so its peers see a failure, not an orderly goodbye, and its own pending operations are
     * not failed with a misleading "closed"; without a launcher it tells the peers why.
     */
    static void atExit(World world, boolean launched) {
        if (world.finalizedHere()) {
            JobReporter reporter = world.reporter();
            reporter.endMark(ExitTimeline.EXIT_HOOK_RAN);
            world.close();
            reporter.endMark(ExitTimeline.TRANSPORT_CLOSED);
            // Last (it sends the end's marks under --timeline first): the launcher has our
            // FINALIZED; its lifeline thread must not hold up the exit.
            reporter.processExiting();
        } else if (launched) {
            HangReport.report(world);
        } else {
            world.processExiting();
            world.close();
        }
    }

    private static void print(Thread.UncaughtExceptionHandler previous, Thread thread, Throwable error) {
        if (previous != null) {
            previous.uncaughtException(thread, error);
            return;
        }
        System.err.print("Exception in thread \"" + thread.getName() + "\" ");
        error.printStackTrace(System.err);
        System.err.flush();
    }
}
