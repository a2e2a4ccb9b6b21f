package dev.jmpi.core.internal;

/**
 * Where a rank tells its launcher how it ended, so the launcher's summary can lead with the
 * real cause rather than with whichever rank happened to exit first. Under jmpirun this is
 * the rank's lifeline connection to the launcher; without a launcher it does nothing.
 *
 * <p>Both methods are best effort and must not block for long: they are called from the
 * finalize path, from the uncaught-exception handler and from shutdown hooks.
 */
public interface JobReporter {

    /** Reports nothing: for ranks without a launcher. */
    JobReporter NONE = new JobReporter() {
        @Override
        public void finalized() {}

        @Override
        public void failed(int originRank, String cause, String detail) {}
    };

    /** This rank closed its world communicator (MPI_Finalize). */
    void finalized();

    /**
     * This rank failed.
     *
     * @param originRank the world rank whose failure started it (this rank's own for its own
     *                   exception, another's when this rank failed because of it)
     * @param cause      one line, e.g. {@code "java.lang.IllegalStateException: boom"}
     * @param detail     the exception line, each {@code Caused by:} line and a few frames
     */
    void failed(int originRank, String cause, String detail);

    /**
     * Step {@code name} of this rank's end (an {@link ExitTimeline} step) happened now. Only a
     * reporter that sends {@code jmpirun --timeline}'s marks keeps it; cheap for the rest.
     */
    default void endMark(String name) {}

    /**
     * The process is exiting after finalize: release the reporter's connection. A thread left
     * blocked in a socket read makes HotSpot's exit wait ~300 ms for it (threads in native).
     */
    default void processExiting() {}
}
