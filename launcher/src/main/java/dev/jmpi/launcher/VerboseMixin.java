package dev.jmpi.launcher;

import picocli.CommandLine.Option;

/** {@code -v/--verbose}: repeat for more detail; messages go to stderr prefixed {@code jmpirun: }. */
public final class VerboseMixin {

    private boolean[] verbosity = new boolean[0];

    @Option(
            names = {"-v", "--verbose"},
            description = "Say what jmpirun does (hosts, rendezvous, launch commands). Repeat for more.")
    void setVerbose(boolean[] verbose) {
        this.verbosity = verbose;
    }

    /** How many times {@code -v} was given. */
    public int level() {
        return verbosity.length;
    }
}
