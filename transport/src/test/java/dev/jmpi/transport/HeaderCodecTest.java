package dev.jmpi.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.jmpi.proto.CollectiveSignature;
import dev.jmpi.proto.DataType;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** HeaderCodec writes the generated code's bytes and reads them back as its parser would. */
class HeaderCodecTest {

    private static final long[] EDGES = {
        0, 1, -1, 127, 128, 16_383, 16_384, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE
    };

    private static long value(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> EDGES[r.nextInt(EDGES.length)];
            case 2 -> r.nextInt(300);
            default -> r.nextLong() >> r.nextInt(64);
        };
    }

    private static String text(SplittableRandom r) {
        String[] words = {"", "allreduce", "SUM", "reduce_scatter_block", "Σ op – ünïcode", "\uD83D\uDE80"};
        return words[r.nextInt(words.length)];
    }

    private static Header randomHeader(SplittableRandom r) {
        Header.Builder b = Header.newBuilder()
                .setKindValue(r.nextInt(Kind.values().length - 1))
                .setContext((int) value(r))
                .setSource((int) value(r))
                .setTag((int) value(r))
                .setSequence(value(r))
                .setDataTypeValue(r.nextInt(DataType.values().length - 1))
                .setCount(value(r))
                .setChunkIndex((int) value(r))
                .setChunkTotal((int) value(r))
                .setTotalBytes(value(r))
                .setSync(r.nextBoolean())
                .setRequestToSend(r.nextBoolean())
                .setMessageBytes(value(r))
                .setCredit(value(r))
                .setFinalCall(r.nextBoolean())
                .setDataOffset(value(r));
        if (r.nextBoolean()) {
            b.setSignature(CollectiveSignature.newBuilder()
                    .setOperation(text(r))
                    .setRoot((int) value(r))
                    .setCount(value(r))
                    .setDataTypeValue(r.nextInt(DataType.values().length - 1))
                    .setOp(text(r))
                    .setSequence(value(r)));
        }
        return b.build();
    }

    private static byte[] written(Header h) {
        ByteBuf buf = Unpooled.buffer();
        try {
            HeaderCodec.write(h, buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    /** {@code body} as the frame carries a header: its length as a varint, then the bytes. */
    private static Header read(byte[] body) throws IOException {
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(framed);
        out.writeUInt32NoTag(body.length);
        out.writeRawBytes(body);
        out.flush();
        CodedInputStream in = CodedInputStream.newInstance(framed.toByteArray());
        Header.Builder b = Header.newBuilder();
        HeaderCodec.readDelimited(in, b);
        assertEquals(true, in.isAtEnd(), "the reader stopped at the header's end");
        return b.build();
    }

    @Test
    void writesExactlyTheBytesAndSizeOfTheGeneratedCode() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 5_000; i++) {
            Header h = randomHeader(r);
            assertEquals(h.getSerializedSize(), HeaderCodec.size(h), h.toString());
            assertArrayEquals(h.toByteArray(), written(h), h.toString());
        }
        assertArrayEquals(new byte[0], written(Header.getDefaultInstance()));
    }

    @Test
    void readsWhatTheGeneratedCodeWrites() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 5_000; i++) {
            Header h = randomHeader(r);
            assertEquals(h, read(h.toByteArray()));
        }
    }

    @Test
    void skipsFieldsItDoesNotKnowAsAnOlderPeerMust() throws IOException {
        Header h = Header.newBuilder()
                .setKind(Kind.P2P)
                .setTag(5)
                .setSignature(CollectiveSignature.newBuilder().setOperation("bcast"))
                .build();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(extra);
        out.writeInt64(40, 123_456_789L);
        out.writeBytes(41, ByteString.copyFromUtf8("from a newer peer"));
        out.writeFixed32(42, 7);
        out.writeFixed64(43, 8);
        out.flush();
        byte[] body = h.toByteArray();
        byte[] withExtra = Arrays.copyOf(body, body.length + extra.size());
        System.arraycopy(extra.toByteArray(), 0, withExtra, body.length, extra.size());
        assertEquals(h, read(withExtra));
    }

    @Test
    void aRepeatedFieldTakesTheLastValueAndARepeatedSignatureMerges() throws IOException {
        Header first = Header.newBuilder()
                .setTag(1)
                .setSignature(
                        CollectiveSignature.newBuilder().setOperation("reduce").setRoot(3))
                .build();
        Header second = Header.newBuilder()
                .setTag(2)
                .setSignature(CollectiveSignature.newBuilder().setOp("MAX"))
                .build();
        byte[] a = first.toByteArray();
        byte[] b = second.toByteArray();
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Header expected = first.toBuilder().mergeFrom(second).build();
        assertEquals(expected, read(both));
        assertEquals(2, expected.getTag());
        assertEquals(3, expected.getSignature().getRoot());
    }

    @Test
    void aTruncatedHeaderIsRefused() {
        byte[] body =
                Header.newBuilder().setSequence(1L << 40).setCount(9).build().toByteArray();
        byte[] cut = Arrays.copyOf(body, body.length - 1);
        ByteArrayOutputStream framed = new ByteArrayOutputStream();
        framed.write(body.length); // claims the whole length, delivers one byte less
        framed.writeBytes(cut);
        CodedInputStream in = CodedInputStream.newInstance(framed.toByteArray());
        assertThrows(InvalidProtocolBufferException.class, () -> HeaderCodec.readDelimited(in, Header.newBuilder()));
    }
}
