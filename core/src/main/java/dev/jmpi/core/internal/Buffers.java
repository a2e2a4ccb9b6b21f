package dev.jmpi.core.internal;

import dev.jmpi.Communicator;
import dev.jmpi.Datatype;
import dev.jmpi.InvalidArgumentException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Validates user buffers and copies elements between them and wire buffers in bulk,
 * little-endian, without per-element encoding. Internal: not part of the API.
 */
public final class Buffers {

    private static final String ACCEPTED = "a primitive array (byte[], short[], int[], long[],"
        + " float[], double[], char[], boolean[]) or a java.nio.ByteBuffer";

    private Buffers() {
    }

    /** Elements in an array, or remaining bytes of a ByteBuffer. */
    public static int lengthOf(Object buf) {
        if (buf instanceof ByteBuffer bb) {
            return bb.remaining();
        }
        datatypeOf(buf, "buf");
        return java.lang.reflect.Array.getLength(buf);
    }

    /** The element type of {@code buf}, or an exception naming {@code name} and what is accepted. */
    public static Datatype datatypeOf(Object buf, String name) {
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
    public static void checkRange(Object buf, int offset, int count, String name) {
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
        ByteBuffer nio = in.nioBufferCount() == 1
            ? in.nioBuffer(in.readerIndex(), bytes)
            : copyOut(in, bytes);
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
                for (int i = 0; i < count; i++) {
                    b[offset + i] = nio.get(i) != 0;
                }
            }
            default -> throw new IllegalStateException("unreachable: " + type);
        }
        in.skipBytes(bytes);
    }

    /** A chunked (composite) buffer: gather it into one NIO buffer. */
    private static ByteBuffer copyOut(ByteBuf in, int bytes) {
        ByteBuffer copy = ByteBuffer.allocate(bytes);
        in.getBytes(in.readerIndex(), copy);
        copy.flip();
        return copy;
    }

    private static String describe(Object buf) {
        return buf == null ? "null" : buf == Communicator.IN_PLACE ? "IN_PLACE" : buf.getClass().getName();
    }
}
