package dev.jmpi.bench.jmh;

import dev.jmpi.core.internal.Buffers;
import dev.jmpi.internal.shaded.com.google.protobuf.CodedInputStream;
import dev.jmpi.internal.shaded.com.google.protobuf.CodedOutputStream;
import dev.jmpi.internal.shaded.io.netty.buffer.ByteBuf;
import dev.jmpi.internal.shaded.io.netty.buffer.PooledByteBufAllocator;
import dev.jmpi.proto.DataType;
import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import dev.jmpi.transport.HeaderCodec;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one message costs in codec work alone, per side: building and serializing the
 * protobuf {@code Header} into a pooled buffer as the transport's FrameEncoder does (4-byte
 * length, field tag, varint length, message written by {@link HeaderCodec}), parsing it back as
 * its FrameDecoder does ({@link CodedInputStream} over the frame region, {@link HeaderCodec}
 * reading into a builder), and
 * copying the payload with {@link Buffers#write} / {@link Buffers#read}. Netty and Protobuf are
 * jmpi-core's relocated copies ({@code dev.jmpi.internal.shaded}), the ones a rank runs. Compare with the
 * ping-pong latency in bench/RESULTS.md to see what share of a small message these take.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FrameCodecBenchmark {

    private static final int HEADER_TAG = (1 << 3) | 2;

    /** Payload elements of type double: 1 (8 B), 128 (1 KiB), 131072 (1 MiB), 2097152 (16 MiB). */
    @Param({"1", "128", "131072", "2097152"})
    public int count;

    private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private double[] doubles;
    private byte[] bytes;
    private ByteBuf encodedHeader;
    private ByteBuf encodedDoubles;
    private long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        doubles = new double[count];
        for (int i = 0; i < count; i++) {
            doubles[i] = i * 0.5;
        }
        bytes = new byte[count * 8];
        encodedHeader = encodeHeader();
        encodedDoubles = alloc.directBuffer(count * 8);
        Buffers.write(doubles, 0, count, encodedDoubles);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        encodedHeader.release();
        encodedDoubles.release();
    }

    private Header header() {
        return Header.newBuilder()
                .setKind(Kind.P2P)
                .setContext(0)
                .setSource(1)
                .setTag(1)
                .setSequence(++sequence)
                .setDataType(DataType.DOUBLE)
                .setCount(count)
                .build();
    }

    /** Header built and written as the encoder writes it; the caller releases the buffer. */
    private ByteBuf encodeHeader() {
        Header h = header();
        int messageBytes = HeaderCodec.size(h);
        ByteBuf head = alloc.directBuffer(16 + messageBytes);
        head.writeInt(1 + CodedOutputStream.computeUInt32SizeNoTag(messageBytes) + messageBytes);
        head.writeByte(HEADER_TAG);
        int v = messageBytes;
        while ((v & ~0x7F) != 0) {
            head.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        head.writeByte(v);
        HeaderCodec.write(h, head);
        return head;
    }

    @Benchmark
    public int headerEncode() {
        ByteBuf b = encodeHeader();
        int n = b.readableBytes();
        b.release();
        return n;
    }

    @Benchmark
    public Header headerDecode() throws IOException {
        int length = encodedHeader.getInt(0);
        CodedInputStream cis = CodedInputStream.newInstance(encodedHeader.nioBuffer(4, length));
        Header.Builder b = Header.newBuilder();
        if (cis.readTag() != HEADER_TAG) {
            throw new IllegalStateException("expected the header tag");
        }
        HeaderCodec.readDelimited(cis, b);
        return b.build();
    }

    @Benchmark
    public int payloadWriteDoubles() {
        ByteBuf out = alloc.directBuffer(count * 8);
        Buffers.write(doubles, 0, count, out);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public int payloadWriteBytes() {
        ByteBuf out = alloc.directBuffer(bytes.length);
        Buffers.write(bytes, 0, bytes.length, out);
        int n = out.readableBytes();
        out.release();
        return n;
    }

    @Benchmark
    public double[] payloadReadDoubles() {
        Buffers.read(encodedDoubles.duplicate(), doubles, 0, count);
        return doubles;
    }
}
