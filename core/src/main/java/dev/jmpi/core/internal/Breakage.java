package dev.jmpi.core.internal;

import dev.jmpi.AbortedException;
import dev.jmpi.CollectiveMismatchException;
import dev.jmpi.JmpiException;
import dev.jmpi.JmpiTimeoutException;
import dev.jmpi.RankFailedException;

/**
 * Why the job's communicators are broken: the first peer failure, abort, timeout or
 * collective mismatch. Every pending and later operation fails with an exception built from
 * it and from the operation's own description, so each rank says what it was doing.
 */
final class Breakage {

    enum Kind { PEER_FAILED, ABORTED, TIMEOUT, MISMATCH, CLOSED }

    private final Kind kind;
    private final String reason;
    private final int rank;
    private final int exitCode;

    private Breakage(Kind kind, String reason, int rank, int exitCode) {
        this.kind = kind;
        this.reason = reason;
        this.rank = rank;
        this.exitCode = exitCode;
    }

    static Breakage peerFailed(int worldRank, String description) {
        return new Breakage(Kind.PEER_FAILED, description, worldRank, 1);
    }

    static Breakage aborted(int originRank, int exitCode, String description) {
        return new Breakage(Kind.ABORTED, description, originRank, exitCode);
    }

    static Breakage timeout(int waitingRank, String description) {
        return new Breakage(Kind.TIMEOUT, description, waitingRank, 1);
    }

    static Breakage mismatch(String description) {
        return new Breakage(Kind.MISMATCH, description, -1, 1);
    }

    static Breakage closed(String description) {
        return new Breakage(Kind.CLOSED, description, -1, 1);
    }

    Kind kind() {
        return kind;
    }

    String reason() {
        return reason;
    }

    int rank() {
        return rank;
    }

    int exitCode() {
        return exitCode;
    }

    /** The exception for an operation described as {@code "rank 0: recv(source=3, tag=42)"}. */
    JmpiException toException(String operation) {
        String message = operation + " failed: " + reason;
        return switch (kind) {
            case PEER_FAILED -> new RankFailedException(message, rank);
            case ABORTED -> new AbortedException(message, rank, exitCode);
            case TIMEOUT -> new JmpiTimeoutException(message);
            case MISMATCH -> new CollectiveMismatchException(message);
            case CLOSED -> new JmpiException(message, false);
        };
    }
}
