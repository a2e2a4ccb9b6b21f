import mpi.*;

/** Open MPI test style: check a condition, and fail the rank naming what was expected. */
final class OmpiCheck {

    private OmpiCheck() {
    }

    static void check(boolean ok, String what) {
        if (!ok) {
            int rank = -1;
            try {
                rank = MPI.COMM_WORLD.getRank();
            } catch (MPIException e) {
                // keep -1
            }
            throw new AssertionError("rank " + rank + ": " + what);
        }
    }

    static void equal(long expected, long actual, String what) {
        check(expected == actual, what + ": expected " + expected + ", got " + actual);
    }

    static void equal(double expected, double actual, String what) {
        check(expected == actual, what + ": expected " + expected + ", got " + actual);
    }
}
