package mpi;

import dev.jmpi.testing.Ranks;
import java.time.Duration;
import java.util.List;

/**
 * Runs an mpiJava-style body on N in-process ranks: each rank thread binds {@code mpi.MPI}
 * to its own world communicator (what {@code MPI.Init} does in a launched process), runs the
 * body, and finalizes.
 */
final class MpiRanks {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private MpiRanks() {}

    /** What one rank runs, with {@code MPI.COMM_WORLD} bound to its world. */
    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    /** What one rank computes. */
    @FunctionalInterface
    interface Function<T> {
        T apply() throws Exception;
    }

    static void run(int n, Body body) {
        call(n, () -> {
            body.run();
            return null;
        });
    }

    static <T> List<T> call(int n, Function<T> fn) {
        return Ranks.builder().timeout(TIMEOUT).call(n, comm -> {
            MPI.InitFor(comm);
            T result = fn.apply();
            MPI.Finalize();
            return result;
        });
    }
}
