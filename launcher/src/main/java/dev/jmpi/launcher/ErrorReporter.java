package dev.jmpi.launcher;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Prints bad input and failures as one line, {@code jmpirun: <what went wrong>}, and returns
 * the exit code from {@link ExitCodes}. With {@code -v} it adds the stack trace of
 * unexpected errors.
 */
final class ErrorReporter implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("jmpirun: " + ex.getMessage() + " (see jmpirun --help)");
        err.flush();
        return exitCode(cmd, ex);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        int code = exitCode(cmd, ex);
        if (code == ExitCodes.INTERNAL_ERROR) {
            err.println("jmpirun: internal error: " + ex);
            ex.printStackTrace(err);
        } else {
            err.println("jmpirun: " + ex.getMessage());
            if (verbose(cmd) && ex.getCause() != null) {
                ex.getCause().printStackTrace(err);
            }
        }
        err.flush();
        return code;
    }

    private static boolean verbose(CommandLine cmd) {
        Object command = cmd.getCommand();
        return command instanceof JmpiRun && ((JmpiRun) command).verbosity() > 0;
    }

    private static int exitCode(CommandLine cmd, Exception ex) {
        CommandLine.IExitCodeExceptionMapper mapper = cmd.getExitCodeExceptionMapper();
        return mapper != null ? mapper.getExitCode(ex) : ExitCodes.INTERNAL_ERROR;
    }
}
