package dev.jmpi.launcher;

import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * The exit codes of {@code jmpirun}, and the mapping from exceptions to them.
 *
 * <p>When a rank fails, jmpirun exits with that rank's own status, like mpirun: its exit
 * status, or {@code 128 + signal} when a signal killed it. A rank's status can therefore
 * coincide with one of the codes below; the summary printed on stderr says which it was.
 */
public final class ExitCodes implements IExitCodeExceptionMapper {

    /** Every rank exited 0. */
    public static final int SUCCESS = 0;
    /** jmpirun itself failed unexpectedly (a bug); the message says where. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad command line, hostfile or environment; no rank was started. */
    public static final int USAGE = 2;
    /** A rank could not be started (java or ssh failed to start, host unreachable). */
    public static final int LAUNCH_FAILURE = 3;
    /** {@code --timeout} expired; the job was stopped. */
    public static final int TIMEOUT = 4;
    /** Added to a signal number when a signal killed a rank (as the shell does). */
    public static final int SIGNAL_BASE = 128;

    @Override
    public int getExitCode(Throwable exception) {
        if (exception instanceof ParameterException || exception instanceof UsageException) {
            return USAGE;
        }
        if (exception instanceof LaunchException) {
            return LAUNCH_FAILURE;
        }
        if (exception instanceof CommandLine.ExecutionException && exception.getCause() != null) {
            return getExitCode(exception.getCause());
        }
        return INTERNAL_ERROR;
    }
}
