package mpi;

import dev.jmpi.Communicator;

/**
 * The mpiJava facade keeps MPJ Express's values for its special ranks and tags
 * ({@code ANY_SOURCE = ANY_TAG = -2}, {@code PROC_NULL = -3}, {@code UNDEFINED = -1}),
 * because existing programs compare with literals; jmpi's core uses MPI's C-like values. This
 * translates at the boundary: every rank, tag and colour going into the core, and every rank
 * and tag coming back in a status, passes through here.
 */
final class Wildcards {

    private Wildcards() {}

    /** A rank argument as the core's: the facade's wildcards become the core's. */
    static int rankToCore(int rank) {
        if (rank == MPI.ANY_SOURCE) {
            return Communicator.ANY_SOURCE;
        }
        if (rank == MPI.PROC_NULL) {
            return Communicator.PROC_NULL;
        }
        if (rank < 0) {
            // Not a rank nor a wildcard here; a value the core rejects, naming it.
            throw new IllegalArgumentException("rank=" + rank + " (expected: 0 <= rank < size, MPI.ANY_SOURCE="
                    + MPI.ANY_SOURCE + " or MPI.PROC_NULL=" + MPI.PROC_NULL + ")");
        }
        return rank;
    }

    /** A rank from the core (in a status or a shift) as the facade's. */
    static int rankFromCore(int rank) {
        if (rank == Communicator.ANY_SOURCE) {
            return MPI.ANY_SOURCE;
        }
        if (rank == Communicator.PROC_NULL) {
            return MPI.PROC_NULL;
        }
        if (rank == Communicator.UNDEFINED) {
            return MPI.UNDEFINED;
        }
        return rank;
    }

    /** A tag argument as the core's. */
    static int tagToCore(int tag) {
        if (tag == MPI.ANY_TAG) {
            return Communicator.ANY_TAG;
        }
        if (tag < 0) {
            throw new IllegalArgumentException(
                    "tag=" + tag + " (expected: 0 <= tag <= TAG_UB or MPI.ANY_TAG=" + MPI.ANY_TAG + ")");
        }
        return tag;
    }

    /** A tag from the core as the facade's. */
    static int tagFromCore(int tag) {
        return tag == Communicator.ANY_TAG ? MPI.ANY_TAG : tag;
    }

    /** A colour (or any value that may be {@link MPI#UNDEFINED}) as the core's. */
    static int undefinedToCore(int value) {
        return value == MPI.UNDEFINED ? Communicator.UNDEFINED : value;
    }
}
