package dev.jmpi.core.algorithm;

import dev.jmpi.Datatype;
import java.lang.reflect.Array;

/**
 * Scratch arrays for the algorithms, so a collective in steady state allocates no large
 * arrays: {@link #acquire} hands out an array of at least the requested length (rounded up to
 * a power of two, contents undefined), {@link #release} takes it back.
 *
 * <p>Per datatype and power-of-two size class the pool keeps at most
 * {@value #ARRAYS_PER_CLASS} free arrays, and never more than {@code maxRetainedBytes} in all: a
 * released array that does not fit makes room by dropping smaller (or equal) free arrays,
 * smallest first, so a loop's large scratch array stays pooled; a larger one is never dropped
 * for it. Arrays shorter than
 * {@value #MIN_LENGTH} elements are rounded up to that length. Thread-safe (one lock; taken
 * twice per scratch array per call, which is small next to a message).
 */
// Datatype ordinals index the pool's per-type arrays (an EnumMap would box on the hot path).
@SuppressWarnings("EnumOrdinal")
public final class ArrayPool {

    /** 64 MiB, the default of {@code jmpi.pool.maxRetainedBytes}. */
    static final long MAX_RETAINED_BYTES_DEFAULT = 64L << 20;

    static final int ARRAYS_PER_CLASS = 4;
    static final int MIN_LENGTH = 64;
    private static final int CLASSES = 31;

    private final long maxRetainedBytes;
    /** [datatype ordinal][size class][slot]; guarded by this. */
    private final Object[][][] free = new Object[Datatype.values().length][CLASSES][ARRAYS_PER_CLASS];

    private final int[][] freeCount = new int[Datatype.values().length][CLASSES];
    private long retainedBytes;

    /** A pool keeping at most {@code maxRetainedBytes} (one per world, shared by its communicators). */
    public ArrayPool(long maxRetainedBytes) {
        this.maxRetainedBytes = maxRetainedBytes;
    }

    /** An array of {@code type} with at least {@code minLength} elements. */
    Object acquire(Datatype type, int minLength) {
        int sizeClass = sizeClass(minLength);
        if (sizeClass >= CLASSES) {
            return Array.newInstance(type.arrayClass().getComponentType(), minLength);
        }
        synchronized (this) {
            int n = freeCount[type.ordinal()][sizeClass];
            if (n > 0) {
                Object[] slots = free[type.ordinal()][sizeClass];
                Object array = slots[n - 1];
                slots[n - 1] = null;
                freeCount[type.ordinal()][sizeClass] = n - 1;
                retainedBytes -= (long) (1 << sizeClass) * type.sizeBytes();
                return array;
            }
        }
        return Array.newInstance(type.arrayClass().getComponentType(), 1 << sizeClass);
    }

    /** Returns an array from {@link #acquire}; {@code null} is ignored. */
    void release(Object array) {
        if (array == null) {
            return;
        }
        Datatype type = Datatype.ofArray(array);
        int length = Array.getLength(array);
        if (type == null || Integer.bitCount(length) != 1 || length < MIN_LENGTH) {
            return;
        }
        int sizeClass = Integer.numberOfTrailingZeros(length);
        long bytes = (long) length * type.sizeBytes();
        synchronized (this) {
            int n = freeCount[type.ordinal()][sizeClass];
            if (n < ARRAYS_PER_CLASS && makeRoom(bytes, sizeClass)) {
                free[type.ordinal()][sizeClass][n] = array;
                freeCount[type.ordinal()][sizeClass] = n + 1;
                retainedBytes += bytes;
            }
        }
    }

    /**
     * Makes {@code bytes} more fit under the bound by dropping free arrays of size classes up to
     * {@code sizeClass}, smallest first, and says whether they fit; drops nothing if they cannot.
     * The array being released is the one a loop of the same collective asks for next, so it is
     * kept in place of smaller ones: refusing it would allocate (and zero) a new array of its
     * size on every call, e.g. 64 MiB per chain reduce of 8 Mi doubles at an inner rank. A
     * larger free array is never dropped for a smaller one (the small one is cheap to make).
     */
    private boolean makeRoom(long bytes, int sizeClass) {
        if (retainedBytes + bytes <= maxRetainedBytes) {
            return true;
        }
        long droppable = 0;
        for (int c = 0; c <= sizeClass; c++) {
            for (Datatype t : Datatype.values()) {
                droppable += (long) freeCount[t.ordinal()][c] * (1L << c) * t.sizeBytes();
            }
        }
        if (retainedBytes - droppable + bytes > maxRetainedBytes) {
            return false;
        }
        for (int c = 0; c <= sizeClass && retainedBytes + bytes > maxRetainedBytes; c++) {
            for (Datatype t : Datatype.values()) {
                int n = freeCount[t.ordinal()][c];
                while (n > 0 && retainedBytes + bytes > maxRetainedBytes) {
                    free[t.ordinal()][c][--n] = null;
                    retainedBytes -= (1L << c) * t.sizeBytes();
                }
                freeCount[t.ordinal()][c] = n;
            }
        }
        return true;
    }

    /** Bytes held by free arrays now. */
    synchronized long retainedBytes() {
        return retainedBytes;
    }

    /** log2 of the power of two that holds {@code length} (at least {@link #MIN_LENGTH}). */
    private static int sizeClass(int length) {
        int n = Math.max(length, MIN_LENGTH);
        return 32 - Integer.numberOfLeadingZeros(n - 1);
    }
}
