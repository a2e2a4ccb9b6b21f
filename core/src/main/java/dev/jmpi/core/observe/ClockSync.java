package dev.jmpi.core.observe;

import dev.jmpi.Communicator;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Estimates each rank's clock offset to rank 0 over the mesh, at init (Cristian's method):
 * a rank sends rank 0 a ping, rank 0 answers with its clock, and the rank takes rank 0's
 * clock minus its own at the round trip's midpoint; of {@link #ROUNDS} round trips the
 * shortest wins (its error is at most half its round trip). A rank on rank 0's machine
 * (same kernel boot id, so the same system clock, containers included) takes offset 0
 * after one exchange: the measurement would only add its error. Rank 0 serves the ranks
 * one after the other. Runs on the world communicator before the program sees it, on tag
 * {@link Communicator#TAG_UB}: every message is received inside init by a receive naming
 * its source, so none is left for the program.
 */
public final class ClockSync {

    static final int ROUNDS = 8;

    private ClockSync() {}

    /** Sets {@code recorder}'s offset; collective over {@code world}. */
    public static void run(Communicator world, Recorder recorder) {
        int tag = Communicator.TAG_UB;
        long machine = machineId();
        long[] msg = new long[2];
        if (world.rank() == 0) {
            for (int r = 1; r < world.size(); r++) {
                world.recv(msg, 0, 2, r, tag);
                boolean same = msg[1] == machine;
                for (int i = 0; i < (same ? 1 : ROUNDS); i++) {
                    if (i > 0) {
                        world.recv(msg, 0, 2, r, tag);
                    }
                    msg[0] = recorder.epochNanos();
                    msg[1] = machine;
                    world.send(msg, 0, 2, r, tag);
                }
            }
            recorder.clockOffset(0, 0);
            return;
        }
        long bestRtt = Long.MAX_VALUE;
        long bestOffset = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = recorder.epochNanos();
            msg[1] = machine;
            world.send(msg, 0, 2, 0, tag);
            world.recv(msg, 0, 2, 0, tag);
            long t1 = recorder.epochNanos();
            if (msg[1] == machine) {
                recorder.clockOffset(0, 0);
                return;
            }
            if (t1 - t0 < bestRtt) {
                bestRtt = t1 - t0;
                bestOffset = msg[0] - (t0 + (t1 - t0) / 2);
            }
        }
        recorder.clockOffset(bestOffset, bestRtt);
    }

    /** This machine's clock: the kernel's boot id, else the host name. */
    static long machineId() {
        String id;
        try {
            id = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII)
                    .trim();
        } catch (IOException | RuntimeException e) {
            try {
                id = InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                id = "unknown";
            }
        }
        long h = 1125899906842597L;
        for (int i = 0; i < id.length(); i++) {
            h = 31 * h + id.charAt(i);
        }
        return h;
    }
}
