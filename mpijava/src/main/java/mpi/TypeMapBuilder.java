package mpi;

import java.util.Arrays;

/** Accumulates the type map of a derived datatype: data displacements and bound markers. */
final class TypeMapBuilder {

    private final Base base;
    private int[] data = new int[16];
    private int dataCount;
    private int[] lbs = new int[0];
    private int[] ubs = new int[0];

    /** A builder for types made of {@code parts}, which must share one base type. */
    TypeMapBuilder(Datatype... parts) {
        Base found = null;
        for (Datatype t : parts) {
            if (t == null) {
                throw new IllegalArgumentException("datatype=null (expected: a datatype)");
            }
            if (t.base != null) {
                if (found != null && found != t.base) {
                    throw new IllegalArgumentException("types with base " + found + " and " + t.base
                            + " in one datatype (expected: one base type, since a buffer is one Java array)");
                }
                found = t.base;
            }
        }
        this.base = found;
    }

    /** Appends a copy of {@code t}'s type map shifted by {@code shift} elements. */
    void add(Datatype t, int shift) {
        int[] d = t.displacements();
        if (dataCount + d.length > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, dataCount + d.length));
        }
        for (int x : d) {
            data[dataCount++] = x + shift;
        }
        lbs = appendShifted(lbs, t.lbMarks(), shift);
        ubs = appendShifted(ubs, t.ubMarks(), shift);
    }

    private static int[] appendShifted(int[] to, int[] marks, int shift) {
        if (marks.length == 0) {
            return to;
        }
        int[] out = Arrays.copyOf(to, to.length + marks.length);
        for (int i = 0; i < marks.length; i++) {
            out[to.length + i] = marks[i] + shift;
        }
        return out;
    }

    Datatype build(String name) {
        return new Datatype(name, base, false, Arrays.copyOf(data, dataCount), lbs, ubs);
    }
}
