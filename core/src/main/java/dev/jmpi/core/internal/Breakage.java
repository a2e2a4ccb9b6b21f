package dev.jmpi.core.internal;

import dev.jmpi.AbortedException;
import dev.jmpi.CollectiveMismatchException;
import dev.jmpi.JmpiException;
import dev.jmpi.JmpiTimeoutException;
import dev.jmpi.RankFailedException;

/**
 * Why the job's communicators are broken: the first peer failure, abort, failed program,
 * timeout or collective mismatch. Every pending and later operation fails with an exception
 * built from it and from the operation's own description, so each rank says what it was
 * doing. {@link Kind#PEER_FINALIZED} is the one kind that fails single operations only: a
 * receive that a finalized rank alone could have matched.
 */
final class Breakage {

    enum Kind {
        PEER_FAILED,
        PEER_FINALIZED,
        RANK_FAILED,
        ABORTED,
        TIMEOUT,
        MISMATCH,
        CLOSED
    }

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

    /** {@code worldRank} finalized, so a receive only it could match never completes. */
    static Breakage peerFinalized(int worldRank, String description) {
        return new Breakage(Kind.PEER_FINALIZED, description, worldRank, 1);
    }

    /** The program on {@code originRank} threw, or exited without finalizing. */
    static Breakage rankFailed(int originRank, String description) {
        return new Breakage(Kind.RANK_FAILED, description, originRank, 1);
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

    /**
     * The world rank whose failure this is, for the launcher's summary: the failed, finalized,
     * aborting or timed-out rank; {@code localRank} where no other rank is to blame.
     */
    int originRank(int localRank) {
        return rank >= 0 ? rank : localRank;
    }

    int exitCode() {
        return exitCode;
    }

    /** The exception for an operation described as {@code "rank 0: recv(source=3, tag=42)"}. */
    JmpiException toException(String operation) {
        String message = operation + " failed: " + reason;
        return switch (kind) {
            case PEER_FAILED, PEER_FINALIZED, RANK_FAILED -> new RankFailedException(message, rank);
            case ABORTED -> new AbortedException(message, rank, exitCode);
            case TIMEOUT -> new JmpiTimeoutException(message);
            case MISMATCH -> new CollectiveMismatchException(message);
            case CLOSED -> new JmpiException(message, false);
        };
    }
}
