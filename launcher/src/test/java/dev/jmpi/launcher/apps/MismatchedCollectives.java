package dev.jmpi.launcher.apps;

import dev.jmpi.CollectiveMismatchException;
import dev.jmpi.Communicator;
import dev.jmpi.Jmpi;
import dev.jmpi.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Test rank: {@code MismatchedCollectives DIR}: 4 ranks call one mismatched collective (ranks
 * 0-2 {@code bcast(int[4], root 0)}, rank 3 {@code reduce(int[4], SUM, root 0)}), then a
 * barrier. Each rank writes how it ended to {@code DIR/rank-N.txt}, one line:
 * {@code at-call <exception>} if the mismatched call threw, {@code at-next-call <exception>}
 * if only the barrier did, {@code returned} if neither. Then it waits until every rank has
 * written (an event: the files; bounded at 60 s, so jmpirun stopping the job after the first
 * exit cannot hide a rank's outcome) and ends, rethrowing its exception.
 */
public final class MismatchedCollectives {

    private MismatchedCollectives() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        try (Communicator world = Jmpi.init(args)) {
            int rank = world.rank();
            RuntimeException failure = null;
            String outcome = "returned";
            try {
                if (rank == 3) {
                    world.reduce(new int[4], new int[4], Op.SUM, 0);
                } else {
                    world.bcast(new int[4], 0);
                }
            } catch (CollectiveMismatchException e) {
                failure = e;
                outcome = "at-call " + e;
            }
            if (failure == null) {
                try {
                    world.barrier();
                } catch (RuntimeException e) {
                    failure = e;
                    outcome = "at-next-call " + e;
                }
            }
            System.out.println("rank " + rank + " " + outcome);
            write(dir, rank, outcome);
            awaitAll(dir, world.size());
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static void write(Path dir, int rank, String outcome) throws IOException {
        Path tmp = dir.resolve("rank-" + rank + ".tmp");
        Files.writeString(tmp, outcome.replace('\n', ' '), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve("rank-" + rank + ".txt"), StandardCopyOption.ATOMIC_MOVE);
    }

    private static void awaitAll(Path dir, int size) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean all = true;
            for (int r = 0; r < size; r++) {
                all &= Files.exists(dir.resolve("rank-" + r + ".txt"));
            }
            if (all) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
