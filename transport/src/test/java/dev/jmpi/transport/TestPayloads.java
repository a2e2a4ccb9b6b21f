package dev.jmpi.transport;

import dev.jmpi.proto.Header;
import dev.jmpi.proto.Kind;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Deterministic payloads and their checksums, so tests verify content without copies. */
final class TestPayloads {

    private TestPayloads() {}

    /** A buffer of {@code length} pseudo-random bytes determined by {@code seed}. */
    static ByteBuf generate(ByteBufAllocator alloc, long seed, int length) {
        // Filled through a plain array in blocks: with paranoid leak detection every ByteBuf
        // access records a stack trace, which would make byte-wise filling crawl.
        ByteBuf buf = alloc.buffer(length);
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        int written = 0;
        while (written < length) {
            block.clear();
            int n = Math.min(block.capacity(), length - written);
            while (block.position() + 8 <= n) {
                x ^= x << 13;
                x ^= x >>> 7;
                x ^= x << 17;
                block.putLong(x);
            }
            while (block.position() < n) {
                block.put((byte) (x >>> (block.position() % 8 * 8)));
            }
            buf.writeBytes(block.array(), 0, n);
            written += n;
        }
        return buf;
    }

    /** CRC32C of the readable bytes, read through the buffer's NIO views (no copy). */
    static long crc(ByteBuf buf) {
        CRC32C crc = new CRC32C();
        if (buf.readableBytes() > 0) {
            for (ByteBuffer bb : buf.nioBuffers()) {
                crc.update(bb);
            }
        }
        return crc.getValue();
    }

    /** CRC32C of what {@link #generate} produces. */
    static long expectedCrc(long seed, int length) {
        ByteBuf buf = generate(ByteBufAllocator.DEFAULT, seed, length);
        try {
            return crc(buf);
        } finally {
            buf.release();
        }
    }

    static long seed(int source, int dest, long sequence) {
        return source * 1_000_003L + dest * 10_007L + sequence;
    }

    static Header header(int source, int dest, long sequence, int length) {
        return Header.newBuilder()
                .setKind(Kind.P2P)
                .setSource(source)
                .setTag(dest)
                .setSequence(sequence)
                .setCount(length)
                .build();
    }
}
