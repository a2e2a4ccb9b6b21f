package dev.jmpi.p2p;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Request;
import dev.jmpi.core.internal.FlowCounters;
import dev.jmpi.testing.Ranks;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A large direct {@code ByteBuffer} is lent to the transport, not copied, whether it goes by
 * rendezvous or eagerly: the send must complete only once the bytes are on the wire, so a
 * program that reuses the buffer right after the send completes cannot change what the
 * receiver gets, even when the receiver posts its receive long after.
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

    @Test
    void anEagerLentBufferReusedAsSoonAsItsSendCompletesArrivesAsItWasSentToALateReceiver() {
        int bytes = 256 << 10; // eager (under the 1 MiB limit), and lent (64 KiB and up)
        int messages = 8;
        Ranks.run(2, comm -> {
            if (comm.rank() == 0) {
                ByteBuffer out = ByteBuffer.allocateDirect(bytes);
                long lentBefore = FlowCounters.bytesLentEager(comm);
                for (int m = 0; m < messages; m++) {
                    for (int i = 0; i < bytes; i++) {
                        out.put(i, pattern(i, m));
                    }
                    if (m % 2 == 0) {
                        comm.isend(out, 0, bytes, 1, m).await();
                    } else {
                        comm.send(out, 0, bytes, 1, m);
                    }
                    for (int i = 0; i < bytes; i++) {
                        out.put(i, (byte) 0);
                    }
                }
                assertEquals(
                        (long) messages * bytes,
                        FlowCounters.bytesLentEager(comm) - lentBefore,
                        "bytes sent eagerly from the user's buffer without a copy");
                comm.barrier();
            } else {
                comm.barrier(); // every message is unexpected by now: the receives come late
                for (int m = 0; m < messages; m++) {
                    ByteBuffer in = ByteBuffer.allocateDirect(bytes);
                    comm.recv(in, 0, bytes, 0, m);
                    for (int i = 0; i < bytes; i++) {
                        if (in.get(i) != pattern(i, m)) {
                            assertEquals(pattern(i, m), in.get(i), "message " + m + ", byte " + i);
                        }
                    }
                }
            }
        });
    }

    @Test
    void twoRanksBlockingSendsOfLentBuffersToEachOtherAtOnceBothComplete() {
        // Each blocking send waits for the socket to take its bytes; it reads the peer's
        // meanwhile, so the two exchanges drain each other instead of deadlocking.
        int bytes = 768 << 10;
        Ranks.run(2, comm -> {
            int peer = 1 - comm.rank();
            ByteBuffer out = ByteBuffer.allocateDirect(bytes);
            for (int i = 0; i < bytes; i++) {
                out.put(i, pattern(i, comm.rank()));
            }
            ByteBuffer in = ByteBuffer.allocateDirect(bytes);
            for (int round = 0; round < 4; round++) {
                comm.send(out, 0, bytes, peer, round);
                comm.recv(in, 0, bytes, peer, round);
                for (int i = 0; i < bytes; i++) {
                    if (in.get(i) != pattern(i, peer)) {
                        assertEquals(pattern(i, peer), in.get(i), "round " + round + ", byte " + i);
                    }
                }
            }
        });
    }
}
