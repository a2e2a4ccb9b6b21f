package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.Datatype;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A payload written part by part, cut anywhere (through elements, in single bytes, in parts
 * that are themselves several buffers), ends up exactly where one bulk read would put it.
 */
class PayloadWriterTest {

    private static final int COUNT = 3001;
    private static final int AT = 7;

    private static Object pattern(Datatype type, Random random) {
        Object a = Array.newInstance(type.arrayClass().getComponentType(), COUNT);
        for (int i = 0; i < COUNT; i++) {
            switch (type) {
                case BYTE -> ((byte[]) a)[i] = (byte) random.nextInt();
                case SHORT -> ((short[]) a)[i] = (short) random.nextInt();
                case INT -> ((int[]) a)[i] = random.nextInt();
                case LONG -> ((long[]) a)[i] = random.nextLong();
                case FLOAT -> ((float[]) a)[i] = random.nextFloat();
                case DOUBLE -> ((double[]) a)[i] = random.nextDouble();
                case CHAR -> ((char[]) a)[i] = (char) random.nextInt();
                case BOOLEAN -> ((boolean[]) a)[i] = random.nextBoolean();
                default -> throw new IllegalArgumentException(type.toString());
            }
        }
        return a;
    }

    /** Feeds {@code wire} to {@code writer} in random parts, some split over two buffers. */
    private static void writeInParts(PayloadWriter writer, byte[] wire, Random random) {
        int at = 0;
        while (at < wire.length) {
            int n = Math.min(
                    wire.length - at, random.nextInt(3) == 0 ? 1 + random.nextInt(9) : 1 + random.nextInt(700));
            ByteBuf part;
            if (n > 1 && random.nextBoolean()) {
                int split = 1 + random.nextInt(n - 1);
                CompositeByteBuf c = Unpooled.compositeBuffer();
                c.addComponent(true, Unpooled.directBuffer(split).writeBytes(wire, at, split));
                c.addComponent(true, Unpooled.wrappedBuffer(wire, at + split, n - split));
                part = c;
            } else {
                part = Unpooled.directBuffer(n).writeBytes(wire, at, n);
            }
            int readerIndex = part.readerIndex();
            writer.write(part, at, n);
            assertEquals(readerIndex, part.readerIndex(), "the source's reader index stays");
            part.release();
            at += n;
        }
    }

    @ParameterizedTest
    @EnumSource(Datatype.class)
    void aPayloadCutAnywhereLandsAsOneBulkReadWould(Datatype type) {
        Random random = new Random(type.ordinal() * 7919L + 1);
        Object sent = pattern(type, random);
        ByteBuf encoded = Unpooled.buffer();
        Buffers.write(sent, 0, COUNT, encoded);
        byte[] wire = new byte[encoded.readableBytes()];
        encoded.readBytes(wire);
        encoded.release();

        Object expected = Array.newInstance(type.arrayClass().getComponentType(), COUNT + AT + 3);
        System.arraycopy(sent, 0, expected, AT, COUNT);
        for (int round = 0; round < 20; round++) {
            Object got = Array.newInstance(type.arrayClass().getComponentType(), COUNT + AT + 3);
            writeInParts(new PayloadWriter(got, AT), wire, random);
            assertTrue(Objects.deepEquals(expected, got), type + ", round " + round);
        }
    }

    @Test
    void aByteBufferGetsThePayloadFromItsFirstByte() {
        Random random = new Random(42);
        byte[] wire = (byte[]) pattern(Datatype.BYTE, random);
        for (ByteBuffer target : new ByteBuffer[] {ByteBuffer.allocate(COUNT), ByteBuffer.allocateDirect(COUNT)}) {
            writeInParts(new PayloadWriter(target, 0), wire, random);
            byte[] got = new byte[COUNT];
            target.duplicate().clear().get(got);
            assertArrayEquals(wire, got, target.toString());
            assertEquals(0, target.position(), "the target's position stays");
        }
    }
}
