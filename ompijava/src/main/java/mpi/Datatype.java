package mpi;

import java.util.ArrayList;
import java.util.List;

/**
 * A datatype: the kind of the buffer's elements (its base type) and where one item's
 * elements lie. As in Open MPI's Java bindings, sizes, extents and lower bounds are in
 * buffer elements of the base type (bytes for struct types), and the buffer of a struct or
 * pair type ({@link MPI#DOUBLE_INT}, ...) is a {@code ByteBuffer} or {@code byte[]}.
 */
public class Datatype implements Freeable, Cloneable {

    static final int NULL = 0;
    static final int BYTE = 1;
    static final int CHAR = 2;
    static final int SHORT = 3;
    static final int BOOLEAN = 4;
    static final int INT = 5;
    static final int LONG = 6;
    static final int FLOAT = 7;
    static final int DOUBLE = 8;
    static final int PACKED = 9;
    static final int INT2 = 10;
    static final int SHORT_INT = 11;
    static final int LONG_INT = 12;
    static final int FLOAT_INT = 13;
    static final int DOUBLE_INT = 14;
    static final int FLOAT_COMPLEX = 15;
    static final int DOUBLE_COMPLEX = 16;

    /** Kind of the buffer's elements: BYTE, CHAR, SHORT, BOOLEAN, INT, LONG, FLOAT or DOUBLE. */
    final int baseType;
    /** Bytes of one buffer element. */
    final int baseSize;
    /** For the predefined pair types (INT2 .. DOUBLE_INT) that MINLOC/MAXLOC reduce, else NULL. */
    final int pairType;

    final TypeMap map;
    /** Set for FLOAT_COMPLEX and DOUBLE_COMPLEX (and types built from them): PROD is not element-wise. */
    boolean complex;

    private final Attributes attributes = new Attributes();
    private String name;
    private boolean freed;

    Datatype(int baseType, int baseSize, int pairType, TypeMap map, String name) {
        this.baseType = baseType;
        this.baseSize = baseSize;
        this.pairType = pairType;
        this.map = map;
        this.name = name;
    }

    static Datatype basic(int baseType, int baseSize, String name) {
        return new Datatype(baseType, baseSize, NULL, TypeMap.dense(baseType == NULL ? 0 : 1), name);
    }

    private Datatype derived(TypeMap newMap) {
        Datatype d = new Datatype(baseType, baseSize, NULL, newMap, "");
        d.complex = complex;
        return d;
    }

    /** Lower bound, in buffer elements. */
    public int getLb() throws MPIException {
        return map.lb;
    }

    /** Extent (the stride between consecutive items), in buffer elements. */
    public int getExtent() throws MPIException {
        return map.extent;
    }

    /** Lower bound of the elements themselves, in buffer elements. */
    public int getTrueLb() throws MPIException {
        return map.trueLb();
    }

    /** Span of the elements themselves, in buffer elements. */
    public int getTrueExtent() throws MPIException {
        return map.trueExtent();
    }

    /** Number of buffer elements one item holds. */
    public int getSize() throws MPIException {
        return map.size();
    }

    /** Commits the type (nothing to do in jmpi: every type is usable once built). */
    public void commit() throws MPIException {
        checkUsable();
    }

    @Override
    public void free() throws MPIException {
        freed = true;
    }

    /** True for {@link MPI#DATATYPE_NULL} and freed types. */
    public boolean isNull() {
        return freed || baseType == NULL;
    }

    @Override
    public Datatype clone() {
        Datatype d = new Datatype(baseType, baseSize, pairType, map, name);
        d.complex = complex;
        return d;
    }

    /** A copy of this type. */
    public Datatype dup() throws MPIException {
        checkUsable();
        return clone();
    }

    /** {@code count} items of {@code oldType} side by side. */
    public static Datatype createContiguous(int count, Datatype oldType) throws MPIException {
        checkCount("count", count);
        oldType.checkUsable();
        int[] at = new int[count];
        for (int i = 0; i < count; i++) {
            at[i] = i * oldType.map.extent;
        }
        return oldType.derived(TypeMap.copies(oldType.map, at));
    }

    /** {@code count} blocks of {@code blockLength} items, block starts {@code stride} items apart. */
    public static Datatype createVector(int count, int blockLength, int stride, Datatype oldType) throws MPIException {
        return oldType.derived(vector(count, blockLength, stride * oldType.map.extent, oldType));
    }

    /** As {@link #createVector}, with the stride in bytes. */
    public static Datatype createHVector(int count, int blockLength, int stride, Datatype oldType) throws MPIException {
        return oldType.derived(vector(count, blockLength, oldType.bytesToElements("stride", stride), oldType));
    }

    private static TypeMap vector(int count, int blockLength, int strideElements, Datatype oldType)
            throws MPIException {
        checkCount("count", count);
        checkCount("blockLength", blockLength);
        oldType.checkUsable();
        int[] at = new int[count * blockLength];
        int n = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < blockLength; j++) {
                at[n++] = i * strideElements + j * oldType.map.extent;
            }
        }
        return TypeMap.copies(oldType.map, at);
    }

    /** Blocks of {@code blockLengths[i]} items at {@code displacements[i]} items. */
    public static Datatype createIndexed(int[] blockLengths, int[] displacements, Datatype oldType)
            throws MPIException {
        int[] d = displacements.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] *= oldType.map.extent;
        }
        return oldType.derived(indexed(blockLengths, d, oldType));
    }

    /** As {@link #createIndexed}, with the displacements in bytes. */
    public static Datatype createHIndexed(int[] blockLengths, int[] displacements, Datatype oldType)
            throws MPIException {
        int[] d = new int[displacements.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = oldType.bytesToElements("displacements[" + i + "]", displacements[i]);
        }
        return oldType.derived(indexed(blockLengths, d, oldType));
    }

    /** Blocks of {@code blockLength} items at {@code displacements[i]} items. */
    public static Datatype createIndexedBlock(int blockLength, int[] displacements, Datatype oldType)
            throws MPIException {
        int[] lengths = new int[displacements.length];
        java.util.Arrays.fill(lengths, blockLength);
        return createIndexed(lengths, displacements, oldType);
    }

    private static TypeMap indexed(int[] blockLengths, int[] displacementElements, Datatype oldType)
            throws MPIException {
        if (blockLengths.length != displacementElements.length) {
            throw Errors.arg("blockLengths.length=" + blockLengths.length + " (expected: displacements.length="
                    + displacementElements.length + ")");
        }
        oldType.checkUsable();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < blockLengths.length; i++) {
            checkCount("blockLengths[" + i + "]", blockLengths[i]);
            for (int j = 0; j < blockLengths[i]; j++) {
                at.add(displacementElements[i] + j * oldType.map.extent);
            }
        }
        return TypeMap.copies(
                oldType.map, at.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * The general constructor: blocks of {@code blockLengths[i]} items of {@code types[i]} at
     * byte displacement {@code displacements[i]}. The new type's base type is {@link MPI#BYTE}:
     * its buffers are {@code ByteBuffer}s or {@code byte[]} (see {@link Struct}).
     */
    public static Datatype createStruct(int[] blockLengths, int[] displacements, Datatype[] types) throws MPIException {
        if (blockLengths.length != displacements.length || blockLengths.length != types.length) {
            throw Errors.arg("blockLengths.length=" + blockLengths.length + ", displacements.length="
                    + displacements.length + ", types.length=" + types.length + " (expected: all equal)");
        }
        List<Integer> bytes = new ArrayList<>();
        long lb = Long.MAX_VALUE;
        long ub = Long.MIN_VALUE;
        for (int i = 0; i < types.length; i++) {
            checkCount("blockLengths[" + i + "]", blockLengths[i]);
            types[i].checkUsable();
            TypeMap t = types[i].map.toBytes(types[i].baseSize);
            for (int k = 0; k < blockLengths[i]; k++) {
                for (int m : t.displacements) {
                    bytes.add(displacements[i] + k * t.extent + m);
                }
            }
            lb = Math.min(lb, (long) displacements[i] + t.lb);
            ub = Math.max(ub, (long) displacements[i] + t.lb + (long) blockLengths[i] * t.extent);
        }
        if (types.length == 0) {
            lb = 0;
            ub = 0;
        }
        TypeMap m = new TypeMap(bytes.stream().mapToInt(Integer::intValue).toArray(), (int) lb, (int) (ub - lb));
        return new Datatype(BYTE, 1, NULL, m, "");
    }

    /** The same elements with a new lower bound and extent, both in bytes (MPI_Aint, as in C). */
    public static Datatype createResized(Datatype oldType, int lb, int extent) throws MPIException {
        oldType.checkUsable();
        TypeMap m = new TypeMap(
                oldType.map.displacements,
                oldType.bytesToElements("lb", lb),
                oldType.bytesToElements("extent", extent));
        return oldType.derived(m);
    }

    /** Sets the print name. */
    public void setName(String name) throws MPIException {
        this.name = name;
    }

    /** The print name ({@code MPI_INT} style for the predefined types). */
    public String getName() throws MPIException {
        return name;
    }

    /** A new attribute key for datatypes. */
    public static int createKeyval() throws MPIException {
        return Attributes.createKeyval();
    }

    /** Frees an attribute key. */
    public static void freeKeyval(int keyval) throws MPIException {
        Attributes.freeKeyval(keyval);
    }

    /** Stores an attribute. */
    public void setAttr(int keyval, Object value) throws MPIException {
        attributes.set(keyval, value);
    }

    /** The attribute stored under {@code keyval}, or {@code null}. */
    public Object getAttr(int keyval) throws MPIException {
        return attributes.get(keyval);
    }

    /** Deletes an attribute. */
    public void deleteAttr(int keyval) throws MPIException {
        attributes.delete(keyval);
    }

    @Override
    public String toString() {
        return name == null || name.isEmpty() ? "Datatype[size=" + map.size() + ", extent=" + map.extent + "]" : name;
    }

    void checkUsable() throws MPIException {
        if (isNull()) {
            throw new MPIException(
                    ErrorCodes.ERR_TYPE,
                    "datatype " + this + " is MPI.DATATYPE_NULL or freed (expected: a usable datatype)",
                    null);
        }
    }

    private int bytesToElements(String what, int bytes) throws MPIException {
        if (bytes % baseSize != 0) {
            throw Errors.arg(
                    what + "=" + bytes + " bytes (expected: a multiple of the base type's " + baseSize + " bytes)");
        }
        return bytes / baseSize;
    }

    private static void checkCount(String what, int n) throws MPIException {
        if (n < 0) {
            throw new MPIException(ErrorCodes.ERR_COUNT, what + "=" + n + " (expected: >= 0)", null);
        }
    }
}
