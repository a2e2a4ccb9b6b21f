package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.transport.FrameHeadroom;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * Validates user buffers and copies elements between them and wire buffers in bulk,
 * little-endian, without per-element encoding. Internal: not part of the API.
 */
public final class Buffers {

    private static final String ACCEPTED = "a primitive array (byte[], short[], int[], long[],"
            + " float[], double[], char[], boolean[]) or a java.nio.ByteBuffer";

    private Buffers() {}

    /** Elements in an array, or remaining bytes of a ByteBuffer. */
    public static int lengthOf(@Nullable Object buf) {
        if (buf instanceof ByteBuffer bb) {
            return bb.remaining();
        }
        datatypeOf(buf, "buf");
        return java.lang.reflect.Array.getLength(buf);
    }

    /** The element type of {@code buf}, or an exception naming {@code name} and what is accepted. */
    public static Datatype datatypeOf(@Nullable Object buf, String name) {
        if (buf instanceof ByteBuffer) {
            return Datatype.BYTE;
        }
        Datatype t = Datatype.ofArray(buf);
        if (t == null) {
            throw new InvalidArgumentException(name + "=" + describe(buf) + " (expected: " + ACCEPTED
                    + (buf == Communicator.IN_PLACE ? "; IN_PLACE is only allowed as a collective's send buffer" : "")
                    + ")");
        }
        return t;
    }

    /** Checks {@code 0 <= offset}, {@code 0 <= count}, {@code offset + count <= length}. */
    public static void checkRange(@Nullable Object buf, int offset, int count, String name) {
        int length = lengthOf(buf);
        if (count < 0) {
            throw new InvalidArgumentException("count=" + count + " (expected: >= 0)");
        }
        if (offset < 0 || (long) offset + count > length) {
            throw new InvalidArgumentException(name + " offset=" + offset + ", count=" + count
                    + " (expected: 0 <= offset and offset + count <= " + name + " length=" + length + ")");
        }
    }

    /** Bytes {@code count} elements of {@code buf}'s type take on the wire. */
    public static long byteLength(Object buf, int count) {
        return (long) count * datatypeOf(buf, "buf").sizeBytes();
    }

    /**
     * Writes {@code count} elements from {@code buf[offset..]} into {@code out} at its writer
     * index, little-endian, and advances the writer index.
     */
    public static void write(Object buf, int offset, int count, ByteBuf out) {
        Datatype type = datatypeOf(buf, "buf");
        int bytes = count * type.sizeBytes();
        out.ensureWritable(bytes);
        if (buf instanceof ByteBuffer bb) {
            ByteBuffer src = bb.duplicate();
            src.position(bb.position() + offset).limit(bb.position() + offset + count);
            out.writeBytes(src);
            return;
        }
        if (type == Datatype.BYTE) {
            out.writeBytes((byte[]) buf, offset, count);
            return;
        }
        ByteBuffer nio = out.nioBuffer(out.writerIndex(), bytes).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case SHORT -> nio.asShortBuffer().put((short[]) buf, offset, count);
            case INT -> nio.asIntBuffer().put((int[]) buf, offset, count);
            case LONG -> nio.asLongBuffer().put((long[]) buf, offset, count);
            case FLOAT -> nio.asFloatBuffer().put((float[]) buf, offset, count);
            case DOUBLE -> nio.asDoubleBuffer().put((double[]) buf, offset, count);
            case CHAR -> nio.asCharBuffer().put((char[]) buf, offset, count);
            case BOOLEAN -> {
                boolean[] b = (boolean[]) buf;
                for (int i = 0; i < count; i++) {
                    nio.put(i, b[offset + i] ? (byte) 1 : (byte) 0);
                }
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
        out.writerIndex(out.writerIndex() + bytes);
    }

    /** Messages above this are encoded into pieces of at most this many bytes. */
    static final int PIECE_BYTES = 1 << 20;

    /**
     * Allocates the wire buffer of {@code count} elements of {@code buf} (which take
     * {@code bytes}) and fills it. Up to {@link #PIECE_BYTES} it is one pooled buffer; above,
     * a composite of pooled pieces: one huge buffer would bypass the pools (a fresh, zeroed
     * allocation per message), and the transport sends large messages in pieces anyway. A small
     * one starts {@link FrameHeadroom#BYTES} into its buffer, where the transport writes the
     * frame's header in place of copying the payload behind it.
     */
    static ByteBuf encode(ByteBufAllocator alloc, Object buf, int offset, int count, int bytes) {
        if (bytes <= PIECE_BYTES || buf instanceof ByteBuffer) {
            ByteBuf out;
            if (FrameHeadroom.wanted(bytes)) {
                out = alloc.directBuffer(FrameHeadroom.BYTES + bytes);
                out.setIndex(FrameHeadroom.BYTES, FrameHeadroom.BYTES);
            } else {
                out = alloc.directBuffer(bytes);
            }
            try {
                write(buf, offset, count, out);
            } catch (RuntimeException e) {
                out.release();
                throw e;
            }
            return out;
        }
        int elementBytes = datatypeOf(buf, "buf").sizeBytes();
        int perPiece = PIECE_BYTES / elementBytes;
        CompositeByteBuf out = alloc.compositeDirectBuffer((count + perPiece - 1) / perPiece);
        try {
            for (int done = 0; done < count; done += perPiece) {
                int n = Math.min(perPiece, count - done);
                ByteBuf piece = alloc.directBuffer(n * elementBytes);
                try {
                    write(buf, offset + done, n, piece);
                } catch (RuntimeException e) {
                    piece.release();
                    throw e;
                }
                out.addComponent(true, piece);
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    /**
     * Reads {@code count} elements from {@code in} at its reader index into
     * {@code buf[offset..]}, and advances the reader index.
     */
    public static void read(ByteBuf in, Object buf, int offset, int count) {
        Datatype type = datatypeOf(buf, "buf");
        int bytes = count * type.sizeBytes();
        if (buf instanceof ByteBuffer bb) {
            ByteBuffer dst = bb.duplicate();
            dst.position(bb.position() + offset).limit(bb.position() + offset + count);
            in.readBytes(dst);
            return;
        }
        if (type == Datatype.BYTE) {
            in.readBytes((byte[]) buf, offset, count);
            return;
        }
        if (in.nioBufferCount() == 1) {
            readElements(in.nioBuffer(in.readerIndex(), bytes), type, buf, offset, count);
        } else {
            readElementsFromParts(in.nioBuffers(in.readerIndex(), bytes), type, buf, offset);
        }
        in.skipBytes(bytes);
    }

    /**
     * A message that arrived in several buffers (chunks, or receive buffers composed without
     * copying): bulk-reads the whole elements of each part and stitches the element that
     * straddles two parts through a small carry buffer, so the payload is copied once.
     */
    static void readElementsFromParts(ByteBuffer[] parts, Datatype type, Object buf, int offset) {
        int size = type.sizeBytes();
        ByteBuffer carry = ByteBuffer.allocate(size);
        int at = offset;
        for (ByteBuffer part : parts) {
            if (carry.position() > 0) {
                int n = Math.min(carry.remaining(), part.remaining());
                ByteBuffer head = part.duplicate();
                head.limit(head.position() + n);
                carry.put(head);
                part.position(part.position() + n);
                if (!carry.hasRemaining()) {
                    carry.flip();
                    readElements(carry, type, buf, at++, 1);
                    carry.clear();
                }
            }
            int whole = part.remaining() / size;
            if (whole > 0) {
                ByteBuffer body = part.duplicate();
                body.limit(body.position() + whole * size);
                readElements(body.slice(), type, buf, at, whole);
                at += whole;
                part.position(part.position() + whole * size);
            }
            carry.put(part);
        }
    }

    /** Bulk-reads {@code count} little-endian elements from the start of {@code nio}. */
    static void readElements(ByteBuffer nio, Datatype type, Object buf, int offset, int count) {
        nio.order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case SHORT -> nio.asShortBuffer().get((short[]) buf, offset, count);
            case INT -> nio.asIntBuffer().get((int[]) buf, offset, count);
            case LONG -> nio.asLongBuffer().get((long[]) buf, offset, count);
            case FLOAT -> nio.asFloatBuffer().get((float[]) buf, offset, count);
            case DOUBLE -> nio.asDoubleBuffer().get((double[]) buf, offset, count);
            case CHAR -> nio.asCharBuffer().get((char[]) buf, offset, count);
            case BOOLEAN -> {
                boolean[] b = (boolean[]) buf;
                int base = nio.position();
                for (int i = 0; i < count; i++) {
                    b[offset + i] = nio.get(base + i) != 0;
                }
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
    }

    private static String describe(@Nullable Object buf) {
        return buf == null
                ? "null"
                : buf == Communicator.IN_PLACE ? "IN_PLACE" : buf.getClass().getName();
    }
}
