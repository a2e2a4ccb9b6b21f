package dev.jmpi.launcher;

/** {@code -v/--verbose}: repeat for more detail; messages go to stderr prefixed {@code jmpirun: }. */
final class VerboseOption {

    private final CommandOption<boolean[]> verbose;

    VerboseOption(CommandArguments arguments) {
        verbose = arguments
                .repeatableFlag("-v", "--verbose")
                .description("Say what jmpirun does (hosts, rendezvous, launch commands). Repeat for more.");
    }

    /** How many times {@code -v} was given. */
    int level() {
        return verbose.value().length;
    }
}
