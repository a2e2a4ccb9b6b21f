package mpi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code Pack}, {@code Unpack} and {@code Pack_size}: items of a datatype to and from a
 * {@code byte[]} of {@link MPI#PACKED} data, little-endian (the wire order). Objects are
 * packed as a length and their serialized form.
 */
final class Packing {

    private Packing() {}

    static int pack(Object inbuf, int offset, int incount, Datatype type, byte[] outbuf, int position) {
        type.checkBuffer("inbuf", inbuf, offset, incount);
        Object packed = type.pack(inbuf, offset, incount);
        ByteBuffer out = ByteBuffer.wrap(outbuf).order(ByteOrder.LITTLE_ENDIAN);
        out.position(position);
        int n = incount * type.size();
        if (type.isObject()) {
            byte[] bytes = ObjectSerializer.write((Object[]) packed, 0, n);
            need(out, 4 + bytes.length, "outbuf");
            out.putInt(bytes.length).put(bytes);
            return out.position();
        }
        need(out, (long) n * type.base.bytes(), "outbuf");
        switch (type.base) {
            case BYTE -> out.put((byte[]) packed);
            case CHAR -> out.asCharBuffer().put((char[]) packed);
            case SHORT -> out.asShortBuffer().put((short[]) packed);
            case BOOLEAN -> {
                for (boolean b : (boolean[]) packed) {
                    out.put((byte) (b ? 1 : 0));
                }
            }
            case INT -> out.asIntBuffer().put((int[]) packed);
            case LONG -> out.asLongBuffer().put((long[]) packed);
            case FLOAT -> out.asFloatBuffer().put((float[]) packed);
            case DOUBLE -> out.asDoubleBuffer().put((double[]) packed);
            default -> throw new IllegalStateException("unreachable: " + type.base);
        }
        return position + n * type.base.bytes();
    }

    static int unpack(byte[] inbuf, int position, Object outbuf, int offset, int outcount, Datatype type) {
        type.checkBuffer("outbuf", outbuf, offset, outcount);
        ByteBuffer in = ByteBuffer.wrap(inbuf).order(ByteOrder.LITTLE_ENDIAN);
        in.position(position);
        int n = outcount * type.size();
        if (type.isObject()) {
            need(in, 4, "inbuf");
            int length = in.getInt();
            need(in, length, "inbuf");
            byte[] bytes = new byte[length];
            in.get(bytes);
            Object[] objects = ObjectSerializer.read(bytes);
            type.unpack(objects, 0, Math.min(objects.length, n), outbuf, offset);
            return in.position();
        }
        need(in, (long) n * type.base.bytes(), "inbuf");
        Object packed = type.base.newArray(n);
        switch (type.base) {
            case BYTE -> in.get((byte[]) packed);
            case CHAR -> in.asCharBuffer().get((char[]) packed);
            case SHORT -> in.asShortBuffer().get((short[]) packed);
            case BOOLEAN -> {
                boolean[] b = (boolean[]) packed;
                for (int i = 0; i < n; i++) {
                    b[i] = in.get() != 0;
                }
            }
            case INT -> in.asIntBuffer().get((int[]) packed);
            case LONG -> in.asLongBuffer().get((long[]) packed);
            case FLOAT -> in.asFloatBuffer().get((float[]) packed);
            case DOUBLE -> in.asDoubleBuffer().get((double[]) packed);
            default -> throw new IllegalStateException("unreachable: " + type.base);
        }
        type.unpack(packed, 0, n, outbuf, offset);
        return position + n * type.base.bytes();
    }

    static int packSize(int incount, Datatype type) {
        type.checkUsable();
        if (type.isObject()) {
            throw new IllegalArgumentException("Pack_size: the packed size of MPI.OBJECT data depends on the objects"
                    + " (expected: a primitive datatype; pack objects into a generously sized buffer)");
        }
        return incount * type.size() * type.base.bytes();
    }

    private static void need(ByteBuffer b, long bytes, String name) {
        if (bytes > b.remaining()) {
            throw new IllegalArgumentException(name + " has " + b.remaining() + " bytes after position " + b.position()
                    + " (expected: at least " + bytes + ")");
        }
    }
}
