package dev.jmpi.bench.faults;

/** What a trial does to a running 4-rank job. */
public enum FaultKind {
    /** SIGKILL one rank. */
    KILL,
    /** SIGSTOP one rank: it freezes, its sockets stay open. */
    STOP,
    /** One rank's program throws an exception. */
    THROW,
    /** SIGKILL jmpirun itself: its ranks must go too. */
    LAUNCHER
}
