package dev.jmpi.launcher;

/** Bad input from the user (option, hostfile, host, class, jar); exit code {@link ExitCodes#USAGE}. */
public class UsageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With a one-line message naming the option, file or value and what was expected. */
    public UsageException(String message) {
        super(message);
    }
}
