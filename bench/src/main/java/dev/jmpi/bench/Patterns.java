package dev.jmpi.bench;

/**
 * Verification data: small integers, exact in every element type, so a sum over ranks has one
 * right answer whatever the order of combination. The sequential reference is computed here.
 */
final class Patterns {

    private Patterns() {}

    /** Element {@code i} of the pattern with seed {@code seed}. */
    static long value(long i, long seed) {
        return (i * 7 + seed * 13) % 251;
    }

    /** Rank {@code rank}'s contribution to a reduction at element {@code i}. */
    static long contribution(int rank, long i) {
        return (rank + 1L) * (i % 13 + 1);
    }

    /** Sequential SUM of {@link #contribution} over ranks 0..size-1. */
    static long sum(int size, long i) {
        long s = 0;
        for (int r = 0; r < size; r++) {
            s += contribution(r, i);
        }
        return s;
    }

    /** Writes {@code value(i, seed)} for i in [0, count) at {@code offset}. */
    static void fill(ElementType type, Object buf, int offset, int count, long seed) {
        for (int i = 0; i < count; i++) {
            type.set(buf, offset + i, value(i, seed));
        }
    }

    /** Zeroes {@code count} elements at {@code offset}. */
    static void clear(ElementType type, Object buf, int offset, int count) {
        for (int i = 0; i < count; i++) {
            type.set(buf, offset + i, 0);
        }
    }

    /** Null if {@code buf[offset..offset+count)} holds the pattern, else where it first differs. */
    static String check(ElementType type, Object buf, int offset, int count, long seed, String what) {
        for (int i = 0; i < count; i++) {
            long want = type.normalize(value(i, seed));
            long got = type.get(buf, offset + i);
            if (got != want) {
                return what + ": element " + i + " is " + got + " (expected: " + want + ")";
            }
        }
        return null;
    }
}
