package mpi;

import java.nio.ByteBuffer;

/** Primitive arrays to bytes and back, in the byte buffer's order (native for MPI's packed data). */
final class Bytes {

    private Bytes() {}

    static int elementBytes(Object array) {
        if (array instanceof long[] || array instanceof double[]) {
            return 8;
        } else if (array instanceof int[] || array instanceof float[]) {
            return 4;
        } else if (array instanceof short[] || array instanceof char[]) {
            return 2;
        }
        return 1;
    }

    /** Writes {@code n} elements of {@code array} from {@code off} at {@code dst}'s position. */
    static void fromArray(Object array, int off, int n, ByteBuffer dst) {
        if (array instanceof byte[] a) {
            dst.put(a, off, n);
        } else if (array instanceof boolean[] a) {
            for (int i = 0; i < n; i++) {
                dst.put((byte) (a[off + i] ? 1 : 0));
            }
        } else if (array instanceof int[] a) {
            dst.asIntBuffer().put(a, off, n);
        } else if (array instanceof double[] a) {
            dst.asDoubleBuffer().put(a, off, n);
        } else if (array instanceof long[] a) {
            dst.asLongBuffer().put(a, off, n);
        } else if (array instanceof float[] a) {
            dst.asFloatBuffer().put(a, off, n);
        } else if (array instanceof short[] a) {
            dst.asShortBuffer().put(a, off, n);
        } else {
            dst.asCharBuffer().put((char[]) array, off, n);
        }
    }

    /** Reads {@code n} elements into {@code array} at {@code off} from {@code src}'s position. */
    static void toArray(ByteBuffer src, Object array, int off, int n) {
        if (array instanceof byte[] a) {
            src.get(a, off, n);
        } else if (array instanceof boolean[] a) {
            for (int i = 0; i < n; i++) {
                a[off + i] = src.get() != 0;
            }
        } else if (array instanceof int[] a) {
            src.asIntBuffer().get(a, off, n);
        } else if (array instanceof double[] a) {
            src.asDoubleBuffer().get(a, off, n);
        } else if (array instanceof long[] a) {
            src.asLongBuffer().get(a, off, n);
        } else if (array instanceof float[] a) {
            src.asFloatBuffer().get(a, off, n);
        } else if (array instanceof short[] a) {
            src.asShortBuffer().get(a, off, n);
        } else {
            src.asCharBuffer().get((char[]) array, off, n);
        }
    }
}
