package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jmpi.Communicator;
import dev.jmpi.Status;
import dev.jmpi.testing.Ranks;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rendezvous data travels in pieces of at most {@link RendezvousSend#PIECE_BYTES}, each
 * copied into the receive buffer as it arrives (so neither side holds the whole message in
 * wire buffers): every element lands in its place whatever the type, offsets and sizes that
 * are not a multiple of the piece, and the receive completes only with the last piece.
 */
@Timeout(180)
class RendezvousPiecesTest {

    private static final int PIECE = RendezvousSend.PIECE_BYTES;

    private static long pieces(long bytes) {
        return Math.max(1, (bytes + PIECE - 1) / PIECE);
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void aLargeMessageArrivesInPiecesAndLandsInPlace(Ranks.Wiring wiring) {
        int count = 5 * PIECE / 8 + PIECE / 16 + 3; // 5 pieces of doubles and a partial sixth
        int sendOffset = 7;
        int recvOffset = 11;
        Ranks.builder().wiring(wiring).run(2, comm -> {
            double[] out = new double[sendOffset + count];
            for (int i = 0; i < out.length; i++) {
                out[i] = i * 1.5 - 3;
            }
            if (comm.rank() == 0) {
                comm.send(out, sendOffset, count, 1, 4);
            } else {
                long before = FlowSettings.flow(comm).rendezvousPiecesReceived();
                double[] in = new double[recvOffset + count + 5];
                Arrays.fill(in, -1);
                Status s = comm.recv(in, recvOffset, count + 5, 0, 4);
                assertEquals(count, s.count());
                assertEquals(
                        pieces(8L * count),
                        FlowSettings.flow(comm).rendezvousPiecesReceived() - before,
                        "the data came as pieces");
                double[] expected = new double[in.length];
                Arrays.fill(expected, -1);
                System.arraycopy(out, sendOffset, expected, recvOffset, count);
                assertArrayEquals(expected, in);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void directHeapAndSmallElementBuffersArriveWhole(Ranks.Wiring wiring) {
        int bytes = 3 * PIECE + 12_345;
        Ranks.builder().wiring(wiring).run(2, comm -> {
            byte[] pattern = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                pattern[i] = (byte) (i * 31 + i / 4093);
            }
            boolean[] flags = new boolean[bytes + 1];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = (i % 3) == 0;
            }
            short[] shorts = new short[bytes / 2 + 1];
            for (int i = 0; i < shorts.length; i++) {
                shorts[i] = (short) (i * 7);
            }
            if (comm.rank() == 0) {
                ByteBuffer direct = ByteBuffer.allocateDirect(bytes + 100);
                direct.position(100);
                direct.slice().put(pattern);
                comm.send(direct, 0, bytes, 1, 1); // lent: pieces are slices of the user's memory
                comm.send(ByteBuffer.wrap(pattern), 0, bytes, 1, 2);
                comm.send(flags, 0, flags.length, 1, 3);
                comm.send(shorts, 0, shorts.length, 1, 4);
            } else {
                long before = FlowSettings.flow(comm).rendezvousPiecesReceived();
                ByteBuffer in = ByteBuffer.allocateDirect(bytes);
                comm.recv(in, 0, bytes, 0, 1);
                byte[] got = new byte[bytes];
                in.get(got);
                assertArrayEquals(pattern, got, "direct send, direct receive");
                byte[] heap = new byte[bytes];
                comm.recv(heap, 0, bytes, 0, 2);
                assertArrayEquals(pattern, heap, "heap ByteBuffer send, byte[] receive");
                boolean[] b = new boolean[flags.length];
                comm.recv(b, 0, b.length, 0, 3);
                assertArrayEquals(flags, b);
                short[] sh = new short[shorts.length];
                assertEquals(shorts.length, comm.recv(sh, 0, sh.length, 0, 4).count());
                assertArrayEquals(shorts, sh);
                assertEquals(
                        2 * pieces(bytes) + pieces(flags.length) + pieces(2L * shorts.length),
                        FlowSettings.flow(comm).rendezvousPiecesReceived() - before);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(Ranks.Wiring.class)
    void withEveryMessageByRendezvousEmptyAndTinyMessagesComeAsOnePiece(Ranks.Wiring wiring) {
        FlowSettings.with(
                0,
                1024,
                () -> Ranks.builder().wiring(wiring).run(2, comm -> {
                    if (comm.rank() == 0) {
                        comm.send(new int[0], 0, 0, 1, 1);
                        comm.send(new long[] {1, -2, 3}, 0, 3, 1, 2);
                    } else {
                        long before = FlowSettings.flow(comm).rendezvousPiecesReceived();
                        Status empty = comm.recv(new int[4], 0, 4, 0, 1);
                        assertEquals(0, empty.count());
                        long[] in = new long[3];
                        assertEquals(
                                3, comm.recv(in, Communicator.ANY_SOURCE, 2).count());
                        assertArrayEquals(new long[] {1, -2, 3}, in);
                        assertEquals(2, FlowSettings.flow(comm).rendezvousPiecesReceived() - before);
                    }
                }));
    }
}
