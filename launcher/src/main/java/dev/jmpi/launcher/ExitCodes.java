package dev.jmpi.launcher;

import picocli.CommandLine;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.ParameterException;

/**
 * The exit codes of {@code jmpirun}, and the mapping from exceptions to them.
 *
 * <p>When a rank fails, jmpirun exits with the status of the rank that started the failure,
 * like mpirun: its exit status, or {@code 128 + signal} when a signal killed it; if that rank
 * did not exit by itself (it was stopped, or hung), the status of the rank whose exit ended
 * the job; and 1 if that was 0 (a rank that exited 0 without finalizing, or before joining).
 * A rank's status can therefore coincide with one of the codes below; the summary printed on
 * stderr says which it was.
 */
public final class ExitCodes implements IExitCodeExceptionMapper {

    /** Every rank exited 0. */
    public static final int SUCCESS = 0;
    /** jmpirun itself failed unexpectedly (a bug), or {@code --report} could not make its report; the message says which. */
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
