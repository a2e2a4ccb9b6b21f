package dev.jmpi.launcher;

/** A rank or the rendezvous could not be started; exit code {@link ExitCodes#LAUNCH_FAILURE}. */
public class LaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a one-line message naming the rank, host and what failed. */
    public LaunchException(String message) {
        super(message);
    }

    /** With a message and the underlying cause. */
    public LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
