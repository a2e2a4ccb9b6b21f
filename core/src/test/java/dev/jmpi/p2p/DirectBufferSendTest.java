package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Request;
import dev.jmpi.testing.Ranks;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A direct {@code ByteBuffer} sent by rendezvous is lent to the transport, not copied: the
 * send must complete only once the bytes are on the wire, so a program that reuses the
 * buffer right after the send completes cannot change what the receiver gets.
 */
@Timeout(180)
class DirectBufferSendTest {

    private static final int BYTES = 16 << 20; // above the eager limit: rendezvous

    private static byte pattern(int i, int round) {
        return (byte) (i * 31 + i / 4093 + round);
    }

    @Test
    void aLentBufferReusedAsSoonAsItsSendCompletesArrivesAsItWasSent() {
        Ranks.run(2, comm -> {
            int rounds = 3;
            if (comm.rank() == 0) {
                ByteBuffer out = ByteBuffer.allocateDirect(BYTES);
                for (int round = 0; round < rounds; round++) {
                    for (int i = 0; i < BYTES; i++) {
                        out.put(i, pattern(i, round));
                    }
                    if (round % 2 == 0) {
                        Request r = comm.isend(out, 0, BYTES, 1, round);
                        r.await();
                    } else {
                        comm.send(out, 0, BYTES, 1, round);
                    }
                    // Reuse at once, as MPI allows once the send has completed.
                    for (int i = 0; i < BYTES; i++) {
                        out.put(i, (byte) 0);
                    }
                }
            } else {
                for (int round = 0; round < rounds; round++) {
                    ByteBuffer in = round == 1 ? ByteBuffer.allocate(BYTES) : ByteBuffer.allocateDirect(BYTES);
                    comm.recv(in, 0, BYTES, 0, round);
                    for (int i = 0; i < BYTES; i++) {
                        if (in.get(i) != pattern(i, round)) {
                            assertEquals(pattern(i, round), in.get(i), "round " + round + ", byte " + i);
                        }
                    }
                }
            }
        });
    }
}
