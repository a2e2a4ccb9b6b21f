package dev.jmpi.core.observe;

import dev.jmpi.Communicator;

/**
 * Estimates each rank's clock offset to rank 0 over the mesh, at init (Cristian's method):
 * a rank sends rank 0 a ping, rank 0 answers with its clock, and the rank takes rank 0's
 * clock minus its own at the round trip's midpoint; of {@link #ROUNDS} round trips the
 * shortest wins (its error is at most half its round trip). Rank 0 serves the ranks one
 * after the other. Runs on the world communicator before the program sees it, on tag
 * {@link Communicator#TAG_UB}: every message is received inside init by a receive naming
 * its source, so none is left for the program.
 */
public final class ClockSync {

    static final int ROUNDS = 8;

    private ClockSync() {
    }

    /** Sets {@code recorder}'s offset; collective over {@code world}. */
    public static void run(Communicator world, Recorder recorder) {
        int tag = Communicator.TAG_UB;
        long[] msg = new long[1];
        if (world.rank() == 0) {
            for (int r = 1; r < world.size(); r++) {
                for (int i = 0; i < ROUNDS; i++) {
                    world.recv(msg, 0, 1, r, tag);
                    msg[0] = recorder.epochNanos();
                    world.send(msg, 0, 1, r, tag);
                }
            }
            recorder.clockOffset(0, 0);
            return;
        }
        long bestRtt = Long.MAX_VALUE;
        long bestOffset = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = recorder.epochNanos();
            world.send(msg, 0, 1, 0, tag);
            world.recv(msg, 0, 1, 0, tag);
            long t1 = recorder.epochNanos();
            if (t1 - t0 < bestRtt) {
                bestRtt = t1 - t0;
                bestOffset = msg[0] - (t0 + (t1 - t0) / 2);
            }
        }
        recorder.clockOffset(bestOffset, bestRtt);
    }
}
