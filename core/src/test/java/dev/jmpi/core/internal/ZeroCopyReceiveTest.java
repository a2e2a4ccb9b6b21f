package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.JmpiException;
import dev.jmpi.Request;
import dev.jmpi.Status;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import dev.jmpi.testing.Ranks;
import dev.jmpi.transport.PayloadLanding;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rendezvous data for a receive into a direct {@code ByteBuffer} is read by the transport
 * straight from the socket into the user's buffer ({@link ReceiveLanding}): only the bytes
 * that came in one read with each piece's header are copied. A receive that fails while
 * its data is landing gets no byte written into its buffer after it failed.
 */
@Timeout(180)
class ZeroCopyReceiveTest {

    private static final int PIECE = RendezvousSend.PIECE_BYTES;
    private static final byte SENTINEL = 0x5a;

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + i / 4093);
        }
        return b;
    }

    private static ByteBuffer sentinels(int n) {
        ByteBuffer b = ByteBuffer.allocateDirect(n);
        byte[] s = new byte[n];
        Arrays.fill(s, SENTINEL);
        b.put(s).clear();
        return b;
    }

    private static byte[] contents(ByteBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.duplicate().clear().get(out);
        return out;
    }

    /** Over native epoll (auto, on Linux) and over Java NIO: both read into the landing. */
    @ParameterizedTest
    @ValueSource(strings = {"auto", "nio"})
    void aMessageOfManyPiecesLandsInADirectBufferCopyingOnlyTheBytesBesideEachHeader(String ioMode) {
        int bytes = 6 * PIECE + 100_001; // 7 pieces, each large enough to land
        int pieces = 7;
        int at = 100;
        Ranks.builder().setting("jmpi.ioMode", ioMode).run(2, comm -> {
            byte[] pattern = pattern(bytes);
            if (comm.rank() == 0) {
                ByteBuffer direct = ByteBuffer.allocateDirect(bytes);
                direct.put(pattern).clear();
                comm.send(direct, 0, bytes, 1, 1);
                comm.send(pattern, 0, bytes, 1, 2);
                return;
            }
            FlowControl flow = FlowSettings.flow(comm);
            long copied0 = flow.bytesCopiedOnReceive();
            long direct0 = flow.bytesLandedDirect();
            ByteBuffer in = sentinels(at + bytes + 100);
            in.position(at);
            Status s = comm.recv(in, 0, bytes, 0, 1);
            assertEquals(bytes, s.count());
            long copied = flow.bytesCopiedOnReceive() - copied0;
            long direct = flow.bytesLandedDirect() - direct0;
            byte[] expected = contents(sentinels(at + bytes + 100));
            System.arraycopy(pattern, 0, expected, at, bytes);
            assertArrayEquals(expected, contents(in), "every byte in place, none outside");
            assertEquals(bytes, copied + direct, "copied " + copied + ", read straight " + direct);
            // What came in the read of each piece's header: the first after the
            // clear-to-send is a usual read (at most 64 KiB), each later one a 512-byte
            // read (the transport reads small after a payload has landed).
            assertTrue(copied <= 64 * 1024 + pieces * 512L, "copied " + copied + " of " + bytes + " bytes");

            // A heap array gets every byte copied, each receive buffer as it comes.
            long heapCopied0 = flow.bytesCopiedOnReceive();
            byte[] heap = new byte[bytes];
            comm.recv(heap, 0, bytes, 0, 2);
            assertArrayEquals(pattern, heap);
            assertEquals(bytes, flow.bytesCopiedOnReceive() - heapCopied0);
        });
    }

    @Test
    void withZeroCopyReceiveOffEveryByteIsCopied() {
        int bytes = 2 * PIECE;
        Ranks.builder().setting("jmpi.zeroCopyReceive", "false").run(2, comm -> {
            byte[] pattern = pattern(bytes);
            if (comm.rank() == 0) {
                comm.send(pattern, 0, bytes, 1, 1);
                return;
            }
            FlowControl flow = FlowSettings.flow(comm);
            long copied0 = flow.bytesCopiedOnReceive();
            ByteBuffer in = ByteBuffer.allocateDirect(bytes);
            comm.recv(in, 0, bytes, 0, 1);
            assertArrayEquals(pattern, contents(in));
            assertEquals(bytes, flow.bytesCopiedOnReceive() - copied0);
            assertEquals(0, flow.bytesLandedDirect());
        });
    }

    @Test
    void aReceiveThatFailsWhileItsDataLandsGetsNoByteAfterItFailed() {
        int bytes = 3 * PIECE;
        Ranks.run(2, comm -> {
            Communicator c = comm.dup();
            if (comm.rank() == 0) {
                comm.barrier();
                c.close();
                return;
            }
            CommunicatorImpl ci = (CommunicatorImpl) c;
            World world = ci.world();
            ByteBuffer buf = sentinels(bytes);
            Request r = c.irecv(buf, 0, bytes, 0, 5);
            // This test plays rank 0's transport: a request-to-send, then pieces whose
            // payload it writes into the landings the receiving world hands out.
            Header rts = Header.newBuilder()
                    .setKind(Kind.P2P)
                    .setContext(ci.context())
                    .setSource(0)
                    .setTag(5)
                    .setSequence(1L << 40)
                    .setDataType(WireTypes.toWire(Datatype.BYTE))
                    .setCount(bytes)
                    .setRequestToSend(true)
                    .setMessageBytes(bytes)
                    .build();
            world.onMessage(rts, Unpooled.EMPTY_BUFFER);
            Header data = rts.toBuilder()
                    .setKind(Kind.RENDEZVOUS_DATA)
                    .clearRequestToSend()
                    .clearMessageBytes()
                    .build();
            byte[] pattern = pattern(bytes);

            Header first = data.toBuilder().setDataOffset(0).build();
            PayloadLanding l0 = world.landing(first, PIECE);
            assertNotNull(l0, "a direct buffer's receive offers its memory");
            assertEquals(PIECE, Objects.requireNonNull(l0.directTarget()).limit());
            assertTrue(l0.acquire());
            Objects.requireNonNull(l0.directTarget()).duplicate().put(pattern, 0, PIECE);
            l0.release(PIECE, false);
            world.onMessage(first, PayloadLanding.LANDED);
            assertFalse(r.test(), "one piece of three landed");

            Header second = data.toBuilder().setDataOffset(PIECE).build();
            ReceiveLanding l1 = (ReceiveLanding) world.landing(second, PIECE);
            assertNotNull(l1);
            assertTrue(l1.acquire(), "a socket read into the buffer begins");
            Objects.requireNonNull(l1.directTarget()).duplicate().put(pattern, PIECE, PIECE / 2);
            Thread closer = new Thread(c::close, "closer"); // the receive fails with its communicator
            closer.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!l1.closing()) {
                assertTrue(System.nanoTime() < deadline, "the closer never reached the landing");
                Thread.onSpinWait();
            }
            assertFalse(((RecvRequest) r).isDone(), "the receive fails only once the read under way has ended");
            Objects.requireNonNull(l1.directTarget())
                    .duplicate()
                    .position(PIECE / 2)
                    .put(pattern, PIECE + PIECE / 2, 1000);
            l1.release(PIECE / 2 + 1000, false);
            closer.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(closer.isAlive());
            assertThrows(JmpiException.class, r::await);

            byte[] atFailure = contents(buf);
            assertFalse(l1.acquire(), "no read into the buffer after the receive failed");
            assertNull(
                    world.landing(second.toBuilder().setDataOffset(2L * PIECE).build(), PIECE));
            world.onMessage(second, PayloadLanding.LANDED); // the piece's frame, its rest dropped
            assertArrayEquals(atFailure, contents(buf), "the buffer is the user's again");
            byte[] expected = contents(sentinels(bytes));
            System.arraycopy(pattern, 0, expected, 0, PIECE + PIECE / 2 + 1000);
            assertArrayEquals(expected, atFailure);
            comm.barrier();
        });
    }
}
