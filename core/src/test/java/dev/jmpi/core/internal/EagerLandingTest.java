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
import dev.jmpi.TruncationException;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import dev.jmpi.testing.Ranks;
import dev.jmpi.transport.PayloadLanding;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An eager message of 64 KiB or more whose receive is already posted is matched as soon as
 * its header has come, and its payload is put in place while it arrives, buffer by buffer
 * ({@link ContextQueues#earlyLanding}, {@link PayloadWriter}); anything else matches as usual
 * once the message is whole.
 */
@Timeout(180)
class EagerLandingTest {

    private static final int TAG = 5;
    /** Elements of the receive buffer before the message's first, which must stay untouched. */
    private static final int AT = 5;

    /** {@code n} elements of {@code type} that differ from their neighbours. */
    private static Object pattern(Datatype type, int n) {
        Object a = Array.newInstance(type.arrayClass().getComponentType(), n);
        for (int i = 0; i < n; i++) {
            switch (type) {
                case BYTE -> ((byte[]) a)[i] = (byte) (i * 31 + i / 4093);
                case SHORT -> ((short[]) a)[i] = (short) (i * 7919);
                case INT -> ((int[]) a)[i] = i * -1640531535;
                case LONG -> ((long[]) a)[i] = i * 0x9E3779B97F4A7C15L;
                case FLOAT -> ((float[]) a)[i] = i * 1.5f - 7;
                case DOUBLE -> ((double[]) a)[i] = i * 0.25 - 1e9;
                case CHAR -> ((char[]) a)[i] = (char) (i * 131);
                case BOOLEAN -> ((boolean[]) a)[i] = i % 3 == 0;
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return a;
    }

    /** What a receive of {@code sent} at {@link #AT} into a zeroed buffer of {@code n} elements holds. */
    private static Object placed(Datatype type, Object sent, int n) {
        Object expected = Array.newInstance(type.arrayClass().getComponentType(), n);
        System.arraycopy(sent, 0, expected, AT, Array.getLength(sent));
        return expected;
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void aMessageOfAnyTypeWhoseReceiveWasPostedLandsInPlaceWhileItArrives(Datatype type) {
        // Just under the eager limit, and not a whole number of receive buffers.
        int count = (1 << 20) / type.sizeBytes() - 3;
        int rounds = 3;
        Ranks.run(2, comm -> {
            Object sent = pattern(type, count);
            if (comm.rank() == 0) {
                for (int i = 0; i < rounds; i++) {
                    comm.barrier(); // the receive is posted
                    comm.send(sent, 0, count, 1, TAG);
                }
                return;
            }
            FlowControl flow = FlowSettings.flow(comm);
            long early0 = flow.eagerMessagesLandedEarly();
            long rendezvous0 = flow.rendezvousPiecesReceived();
            for (int i = 0; i < rounds; i++) {
                Object in = Array.newInstance(type.arrayClass().getComponentType(), count + AT + 2);
                Request r = comm.irecv(in, AT, count, 0, TAG);
                comm.barrier();
                Status s = r.await();
                assertEquals(count, s.count());
                assertEquals(0, s.source());
                assertEquals(TAG, s.tag());
                assertTrue(Objects.deepEquals(placed(type, sent, count + AT + 2), in), "round " + i + ": " + type);
            }
            assertEquals(0, flow.rendezvousPiecesReceived() - rendezvous0, "the messages went eagerly");
            assertEquals(
                    rounds,
                    flow.eagerMessagesLandedEarly() - early0,
                    "each message larger than a receive buffer landed while it arrived");
        });
    }

    @Test
    void aDirectBufferPostedFirstIsReadIntoStraightFromTheSocket() {
        int bytes = 1 << 20;
        Ranks.run(2, comm -> {
            byte[] sent = (byte[]) pattern(Datatype.BYTE, bytes);
            if (comm.rank() == 0) {
                comm.barrier();
                comm.send(sent, 0, bytes, 1, TAG);
                return;
            }
            FlowControl flow = FlowSettings.flow(comm);
            long early0 = flow.eagerMessagesLandedEarly();
            ByteBuffer in = ByteBuffer.allocateDirect(bytes + 16);
            in.position(8);
            Request r = comm.irecv(in, 0, bytes, 0, TAG);
            comm.barrier();
            assertEquals(bytes, r.await().count());
            byte[] got = new byte[bytes];
            in.duplicate().position(8).get(got);
            assertArrayEquals(sent, got);
            assertEquals(1, flow.eagerMessagesLandedEarly() - early0);
        });
    }

    /** What the test does on rank 1 as the receiver, playing rank 0's transport; it closes {@code c}. */
    @FunctionalInterface
    private interface PlayedReceiver {
        void run(Communicator c, CommunicatorImpl ci, World world);
    }

    /**
     * Runs {@code body} on rank 1 over a fresh communicator, whose frames from rank 0 the test
     * makes up and hands to rank 1's world itself; the real rank 0 only waits, then closes it.
     */
    private static void playingRankZerosTransport(PlayedReceiver body) {
        Ranks.run(2, comm -> {
            Communicator c = comm.dup();
            if (comm.rank() == 0) {
                comm.barrier();
                c.close();
                return;
            }
            body.run(c, (CommunicatorImpl) c, ((CommunicatorImpl) c).world());
            comm.barrier();
        });
    }

    /** The header of an eager message from rank 0, as its transport would deliver it. */
    private static Header eager(CommunicatorImpl c, Datatype type, int count, long sequence) {
        return Header.newBuilder()
                .setKind(Kind.P2P)
                .setContext(c.context())
                .setSource(0)
                .setTag(TAG)
                .setSequence(sequence)
                .setDataType(WireTypes.toWire(type))
                .setCount(count)
                .build();
    }

    private static byte[] littleEndian(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    @Test
    void elementsSplitBetweenReceiveBuffersAreStitchedAndTheReceiveCompletesWithItsFrame() {
        int count = 20_000;
        playingRankZerosTransport((c, ci, world) -> {
            double[] sent = (double[]) pattern(Datatype.DOUBLE, count);
            byte[] wire = littleEndian(sent);
            double[] in = new double[count + AT + 1];
            Request r = c.irecv(in, AT, count, 0, TAG);
            // This test plays rank 0's transport: the header, then the payload in parts cut
            // through elements, into the landing the receiving world hands out.
            Header h = eager(ci, Datatype.DOUBLE, count, 1L << 40);
            PayloadLanding l = world.landing(h, wire.length);
            assertNotNull(l, "a posted receive takes the message at its header");
            assertNull(l.directTarget(), "a heap array is written, not read into");
            assertEquals(wire.length, l.bytes());
            int at = 0;
            for (int part : new int[] {1, 6, 3, 8, 13, 65_536, 5}) {
                write(l, wire, at, part);
                at += part;
            }
            assertFalse(r.test(), "not complete before its frame");
            write(l, wire, at, wire.length - at);
            world.onMessage(h, PayloadLanding.LANDED);
            Status s = r.await();
            assertEquals(count, s.count());
            assertArrayEquals((double[]) placed(Datatype.DOUBLE, sent, count + AT + 1), in);
            c.close();
        });
    }

    private static void write(PayloadLanding l, byte[] wire, int at, int n) {
        ByteBuf part = Unpooled.wrappedBuffer(wire, at, n);
        assertTrue(l.acquire());
        l.write(part, at, n);
        l.release(n, true);
        part.release();
    }

    @Test
    void withoutAPostedReceiveOrWithAReceiveThatCannotTakeItAMessageMatchesWhenWhole() {
        int count = 20_000;
        playingRankZerosTransport((c, ci, world) -> {
            byte[] wire = littleEndian((double[]) pattern(Datatype.DOUBLE, count));
            Header first = eager(ci, Datatype.DOUBLE, count, 1L << 40);
            assertNull(world.landing(first, wire.length), "nothing posted: matched once whole");

            Request tooSmall = c.irecv(new double[count - 1], 0, count - 1, 0, TAG);
            assertNull(world.landing(first, wire.length), "a receive too small fails when the message is whole");
            world.onMessage(first, Unpooled.wrappedBuffer(wire));
            assertThrows(TruncationException.class, tooSmall::await);

            Request wrongType = c.irecv(new int[2 * count], 0, 2 * count, 0, TAG);
            Header second = eager(ci, Datatype.DOUBLE, count, (1L << 40) + 1);
            assertNull(world.landing(second, wire.length));
            world.onMessage(second, Unpooled.wrappedBuffer(wire));
            JmpiException e = assertThrows(JmpiException.class, wrongType::await);
            assertTrue(e.getMessage().contains("sent DOUBLE"), e.getMessage());
            c.close();
        });
    }

    @Test
    void aReceiveThatFailsWhileItsMessageLandsGetsNothingMoreAndItsFrameIsNoMessage() {
        int bytes = 200_000;
        playingRankZerosTransport((c, ci, world) -> {
            byte[] wire = (byte[]) pattern(Datatype.BYTE, bytes);
            byte[] in = new byte[bytes];
            Request r = c.irecv(in, 0, bytes, 0, TAG);
            Header h = eager(ci, Datatype.BYTE, bytes, 1L << 40);
            PayloadLanding l = world.landing(h, bytes);
            assertNotNull(l);
            write(l, wire, 0, 1000);
            c.close(); // the receive fails with its communicator
            assertThrows(JmpiException.class, r::await);
            assertFalse(l.acquire(), "nothing is written once the receive failed");
            world.onMessage(h, PayloadLanding.LANDED); // its frame, the rest dropped
            byte[] expected = new byte[bytes];
            System.arraycopy(wire, 0, expected, 0, 1000);
            assertArrayEquals(expected, in);
        });
    }
}
