package dev.jmpi.launcher;

/** jmpirun's own messages on its stderr, one line each, prefixed {@code jmpirun: }. */
final class Log {

    private final Console console;
    private final int level;

    Log(Console console, int level) {
        this.console = console;
        this.level = level;
    }

    /** Whether {@code -v} was given at least {@code minLevel} times. */
    boolean enabled(int minLevel) {
        return level >= minLevel;
    }

    /** Prints {@code message} when {@code -v} was given at least {@code minLevel} times. */
    void verbose(int minLevel, String message) {
        if (level >= minLevel) {
            console.err("jmpirun: " + message);
        }
    }

    /** Always prints {@code message}. */
    void info(String message) {
        console.err("jmpirun: " + message);
    }

    /** Always prints {@code message} as a warning. */
    void warn(String message) {
        console.err("jmpirun: warning: " + message);
    }
}
