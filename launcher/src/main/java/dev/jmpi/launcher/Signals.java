package dev.jmpi.launcher;

/** Names of POSIX signals (Linux numbering) and the wording of a process's exit status. */
final class Signals {

    private static final String[] NAMES = {
        null,
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS",
    };

    private Signals() {}

    /** {@code SIGKILL} for 9; {@code SIG<n>} if unknown. */
    static String name(int signal) {
        return signal > 0 && signal < NAMES.length ? NAMES[signal] : "SIG" + signal;
    }

    /** The signal encoded in a shell-style status ({@code 128 + n}), or {@code 0} if none. */
    static int fromStatus(int status) {
        int signal = status - ExitCodes.SIGNAL_BASE;
        return signal > 0 && signal < NAMES.length ? signal : 0;
    }

    /** {@code exited with status 1} or {@code killed by signal 9 (SIGKILL)}. */
    static String describe(int status) {
        int signal = fromStatus(status);
        if (signal != 0) {
            return "killed by signal " + signal + " (" + name(signal) + ")";
        }
        return "exited with status " + status;
    }
}
