package mpi;

/** The predefined pair and complex types, laid out as their C structs are on 64-bit hosts. */
final class PairTypes {

    private PairTypes() {}

    /** A (value, int index) pair: value bytes at 0, index at {@code indexAt}, items {@code extent} bytes apart. */
    static Datatype pair(int pairType, int valueBytes, int indexAt, int extent, String name) {
        int[] d = new int[valueBytes + 4];
        for (int i = 0; i < valueBytes; i++) {
            d[i] = i;
        }
        for (int i = 0; i < 4; i++) {
            d[valueBytes + i] = indexAt + i;
        }
        return new Datatype(Datatype.BYTE, 1, pairType, new TypeMap(d, 0, extent), name);
    }

    /** Two consecutive elements of {@code part} (real, imaginary). */
    static Datatype complex(Datatype part, String name) {
        Datatype d = new Datatype(part.baseType, part.baseSize, Datatype.NULL, TypeMap.dense(2), name);
        d.complex = true;
        return d;
    }
}
