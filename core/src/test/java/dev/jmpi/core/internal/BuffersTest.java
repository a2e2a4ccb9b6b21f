package dev.jmpi.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BuffersTest {

    /** Encodes {@code values} and splits the bytes into parts at the given cut points. */
    private static CompositeByteBuf splitAt(ByteBuf whole, int... cuts) {
        CompositeByteBuf parts = Unpooled.compositeBuffer();
        int from = 0;
        for (int cut : cuts) {
            parts.addComponent(true, whole.retainedSlice(from, cut - from));
            from = cut;
        }
        parts.addComponent(true, whole.retainedSlice(from, whole.readableBytes() - from));
        whole.release();
        return parts;
    }

    @Test
    void doublesSplitMidElementAcrossPartsAreReadIntact() {
        double[] values = new Random(7).doubles(1000).toArray();
        ByteBuf whole = Unpooled.directBuffer(8000);
        Buffers.write(values, 0, values.length, whole);
        // Cuts inside elements (3, 4001), on a boundary (800), and a one-byte part (4001..4002).
        CompositeByteBuf parts = splitAt(whole, 3, 800, 4001, 4002);
        double[] out = new double[1002];
        Buffers.read(parts, out, 1, values.length);
        double[] expected = new double[1002];
        System.arraycopy(values, 0, expected, 1, values.length);
        assertArrayEquals(expected, out);
        assertEquals(0, parts.readableBytes());
        parts.release();
    }

    @Test
    void booleansAndIntsFromSeveralPartsMatchTheSingleBufferRead() {
        int[] ints = new Random(9).ints(333).toArray();
        ByteBuf whole = Unpooled.directBuffer(ints.length * 4);
        Buffers.write(ints, 0, ints.length, whole);
        CompositeByteBuf parts = splitAt(whole, 1, 2, 3, 700, 1331);
        int[] out = new int[ints.length];
        Buffers.read(parts, out, 0, ints.length);
        assertArrayEquals(ints, out);
        parts.release();

        boolean[] flags = {true, false, true, true, false};
        ByteBuf b = Unpooled.directBuffer(5);
        Buffers.write(flags, 0, flags.length, b);
        CompositeByteBuf bparts = splitAt(b, 2);
        boolean[] bout = new boolean[5];
        Buffers.read(bparts, bout, 0, 5);
        assertArrayEquals(flags, bout);
        bparts.release();
    }

    @Test
    void aMessageAboveOnePieceIsEncodedInPooledPiecesAndReadsBackIntact() {
        double[] values =
                new Random(11).doubles(Buffers.PIECE_BYTES / 8 * 2 + 3).toArray();
        ByteBuf wire = Buffers.encode(
                io.netty.buffer.PooledByteBufAllocator.DEFAULT, values, 0, values.length, values.length * 8);
        try {
            assertEquals(values.length * 8, wire.readableBytes());
            assertEquals(3, ((CompositeByteBuf) wire).numComponents(), "2 full pieces and a 24-byte tail");
            double[] back = new double[values.length];
            Buffers.read(wire, back, 0, values.length);
            assertArrayEquals(values, back);
        } finally {
            wire.release();
        }
    }
}
