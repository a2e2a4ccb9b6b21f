package mpi;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * An MPI datatype: a basic type ({@link MPI#INT}, {@link MPI#DOUBLE}, ..., {@link MPI#OBJECT})
 * or a derived type built from one. A buffer is a one-dimensional Java array of the type's
 * <em>base type</em>; every displacement, extent and size here is counted in elements of that
 * array (as in mpiJava 1.2), never in bytes. {@code Hvector} and {@code Hindexed} take their
 * stride and displacements directly in buffer elements, {@code Vector} and {@code Indexed} in
 * multiples of the old type's extent.
 *
 * <p>Derived types are sent by packing the selected elements into a contiguous array around
 * the core's calls, and received by unpacking. All the types of a {@code Struct} must share
 * one base type (besides {@link MPI#LB} and {@link MPI#UB} markers).
 */
public class Datatype {

    final Base base;
    final String name;
    private final boolean predefined;
    /** Displacements of the data elements, in base elements, in type-map order. */
    private final int[] displs;

    private final int[] lbMarks;
    private final int[] ubMarks;
    private final int lb;
    private final int ub;
    private final boolean dense;
    private final int[] runStarts;
    private final int[] runLengths;
    private final int minDispl;
    private final int maxDispl;
    private volatile boolean committed;
    private volatile boolean freed;

    Datatype(String name, Base base, boolean predefined, int[] displs, int[] lbMarks, int[] ubMarks) {
        this.name = name;
        this.base = base;
        this.predefined = predefined;
        this.displs = displs;
        this.lbMarks = lbMarks;
        this.ubMarks = ubMarks;
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int d : displs) {
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        this.minDispl = displs.length == 0 ? 0 : min;
        this.maxDispl = displs.length == 0 ? -1 : max;
        this.lb = lbMarks.length > 0 ? Arrays.stream(lbMarks).min().getAsInt() : minDispl;
        this.ub =
                ubMarks.length > 0 ? Arrays.stream(ubMarks).max().getAsInt() : (displs.length == 0 ? lb : maxDispl + 1);
        boolean d = lb == 0 && ub == displs.length;
        for (int i = 0; d && i < displs.length; i++) {
            d = displs[i] == i;
        }
        this.dense = d;
        int runs = 0;
        for (int i = 0; i < displs.length; i++) {
            if (i == 0 || displs[i] != displs[i - 1] + 1) {
                runs++;
            }
        }
        runStarts = new int[runs];
        runLengths = new int[runs];
        int r = -1;
        for (int i = 0; i < displs.length; i++) {
            if (i == 0 || displs[i] != displs[i - 1] + 1) {
                runStarts[++r] = displs[i];
            }
            runLengths[r]++;
        }
        this.committed = predefined;
    }

    /** A predefined basic type: one element at displacement 0. */
    static Datatype basic(String name, Base base) {
        return new Datatype(name, base, true, new int[] {0}, new int[0], new int[0]);
    }

    /** A predefined pair type such as {@code INT2}: two elements. */
    static Datatype pair(String name, Base base) {
        return new Datatype(name, base, true, new int[] {0, 1}, new int[0], new int[0]);
    }

    /** The {@code LB} or {@code UB} marker: no data, one bound. */
    static Datatype marker(String name, boolean lower) {
        int[] mark = {0};
        return new Datatype(name, null, true, new int[0], lower ? mark : new int[0], lower ? new int[0] : mark);
    }

    // ------------------------------------------------------------------ constructors of the spec

    /** {@code count} copies of {@code oldtype}, each one extent after the last. */
    public static Datatype Contiguous(int count, Datatype oldtype) throws MPIException {
        try {
            checkNonNegative("count", count);
            TypeMapBuilder b = new TypeMapBuilder(oldtype);
            for (int i = 0; i < count; i++) {
                b.add(oldtype, i * oldtype.extent());
            }
            return b.build("Contiguous(" + count + ", " + oldtype.name + ")");
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * {@code count} blocks of {@code blocklength} copies of {@code oldtype}; block starts are
     * {@code stride} old-type extents apart.
     */
    public static Datatype Vector(int count, int blocklength, int stride, Datatype oldtype) throws MPIException {
        try {
            return strided("Vector", count, blocklength, stride * oldtype.extent(), stride, oldtype);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Like {@link #Vector}, but {@code stride} is counted in buffer elements. */
    public static Datatype Hvector(int count, int blocklength, int stride, Datatype oldtype) throws MPIException {
        try {
            return strided("Hvector", count, blocklength, stride, stride, oldtype);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * Blocks of {@code array_of_blocklengths[i]} copies of {@code oldtype} at
     * {@code array_of_displacements[i]} old-type extents.
     */
    public static Datatype Indexed(int[] array_of_blocklengths, int[] array_of_displacements, Datatype oldtype)
            throws MPIException {
        try {
            return indexed("Indexed", array_of_blocklengths, array_of_displacements, oldtype.extent(), oldtype);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /** Like {@link #Indexed}, but displacements are counted in buffer elements. */
    public static Datatype Hindexed(int[] array_of_blocklengths, int[] array_of_displacements, Datatype oldtype)
            throws MPIException {
        try {
            return indexed("Hindexed", array_of_blocklengths, array_of_displacements, 1, oldtype);
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    /**
     * Blocks of {@code array_of_blocklengths[i]} copies of {@code array_of_types[i]} at
     * {@code array_of_displacements[i]} buffer elements. The types must share one base type;
     * {@link MPI#LB} and {@link MPI#UB} set the bounds explicitly.
     */
    public static Datatype Struct(int[] array_of_blocklengths, int[] array_of_displacements, Datatype[] array_of_types)
            throws MPIException {
        try {
            int n = array_of_blocklengths.length;
            if (array_of_displacements.length != n || array_of_types.length != n) {
                throw new IllegalArgumentException("Struct: array lengths " + n + ", " + array_of_displacements.length
                        + ", " + array_of_types.length + " (expected: equal)");
            }
            TypeMapBuilder b = new TypeMapBuilder(array_of_types);
            for (int i = 0; i < n; i++) {
                checkNonNegative("array_of_blocklengths[" + i + "]", array_of_blocklengths[i]);
                Datatype t = array_of_types[i];
                for (int k = 0; k < array_of_blocklengths[i]; k++) {
                    b.add(t, array_of_displacements[i] + k * t.extent());
                }
            }
            return b.build("Struct");
        } catch (RuntimeException e) {
            throw Errors.convert(e);
        }
    }

    private static Datatype strided(
            String kind, int count, int blocklength, int strideElements, int stride, Datatype oldtype) {
        checkNonNegative("count", count);
        checkNonNegative("blocklength", blocklength);
        TypeMapBuilder b = new TypeMapBuilder(oldtype);
        int extent = oldtype.extent();
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < blocklength; k++) {
                b.add(oldtype, i * strideElements + k * extent);
            }
        }
        return b.build(kind + "(" + count + ", " + blocklength + ", " + stride + ", " + oldtype.name + ")");
    }

    private static Datatype indexed(String kind, int[] blocklengths, int[] displacements, int unit, Datatype oldtype) {
        if (blocklengths.length != displacements.length) {
            throw new IllegalArgumentException(kind + ": array_of_blocklengths.length=" + blocklengths.length
                    + ", array_of_displacements.length=" + displacements.length + " (expected: equal)");
        }
        TypeMapBuilder b = new TypeMapBuilder(oldtype);
        int extent = oldtype.extent();
        for (int i = 0; i < blocklengths.length; i++) {
            checkNonNegative("array_of_blocklengths[" + i + "]", blocklengths[i]);
            for (int k = 0; k < blocklengths[i]; k++) {
                b.add(oldtype, displacements[i] * unit + k * extent);
            }
        }
        return b.build(kind);
    }

    private static void checkNonNegative(String name, int v) {
        if (v < 0) {
            throw new IllegalArgumentException(name + "=" + v + " (expected: >= 0)");
        }
    }

    // ------------------------------------------------------------------ queries

    /** Distance between successive items of this type in a buffer, in buffer elements. */
    public int Extent() throws MPIException {
        return extent();
    }

    /** Lower bound, in buffer elements. */
    public int Lb() throws MPIException {
        return lb;
    }

    /** Upper bound, in buffer elements. */
    public int Ub() throws MPIException {
        return ub;
    }

    /** Number of buffer elements one item of this type holds (its data, without gaps). */
    public int Size() throws MPIException {
        return displs.length;
    }

    /** Makes the type usable in communication (every type here is usable once built). */
    public void Commit() throws MPIException {
        checkUsable();
        committed = true;
    }

    /** Frees a derived type; a predefined type cannot be freed. */
    public void Free() throws MPIException {
        if (predefined) {
            throw Errors.error("Free: " + name + " is predefined (expected: a derived datatype)");
        }
        freed = true;
    }

    /** Whether {@link #Commit} was called (always true for predefined types). */
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public String toString() {
        return predefined ? "MPI." + name : name;
    }

    // ------------------------------------------------------------------ packing, for the facade

    int extent() {
        return ub - lb;
    }

    int size() {
        return displs.length;
    }

    /** True if items are laid out without gaps from displacement 0 (sent without packing). */
    boolean dense() {
        return dense && base != Base.OBJECT;
    }

    /** True if items are laid out without gaps from displacement 0, whatever the base type. */
    boolean contiguous() {
        return dense;
    }

    /** The predefined one-element type of {@code base}. */
    static Datatype basicOf(Base base) {
        switch (base) {
            case BYTE:
                return MPI.BYTE;
            case CHAR:
                return MPI.CHAR;
            case SHORT:
                return MPI.SHORT;
            case BOOLEAN:
                return MPI.BOOLEAN;
            case INT:
                return MPI.INT;
            case LONG:
                return MPI.LONG;
            case FLOAT:
                return MPI.FLOAT;
            case DOUBLE:
                return MPI.DOUBLE;
            default:
                return MPI.OBJECT;
        }
    }

    /** A dense type of {@code n} elements of {@code base}, as user ops see packed items. */
    static Datatype contiguousOf(Base base, int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = i;
        }
        return new Datatype(
                "Contiguous(" + n + ", " + basicOf(base).name + ")", base, false, d, new int[0], new int[0]);
    }

    boolean isObject() {
        return base == Base.OBJECT;
    }

    int[] displacements() {
        return displs;
    }

    int[] lbMarks() {
        return lbMarks;
    }

    int[] ubMarks() {
        return ubMarks;
    }

    /** Throws unless this type can describe a communication buffer. */
    void checkUsable() {
        if (freed) {
            throw new IllegalArgumentException("datatype " + name + " was freed (expected: a live datatype)");
        }
        if (base == null) {
            throw new IllegalArgumentException(
                    "datatype " + name + " holds no data (expected: a type with a base type, e.g. MPI.INT)");
        }
    }

    /**
     * Checks that {@code buf} is an array of the base type that holds {@code count} items
     * from {@code offset}.
     */
    void checkBuffer(String what, Object buf, int offset, int count) {
        checkUsable();
        if (!base.accepts(buf)) {
            throw new IllegalArgumentException(
                    what + " is " + (buf == null ? "null" : buf.getClass().getSimpleName()) + " but the datatype is "
                            + this + " (expected: " + base.arrayName() + ")");
        }
        if (count < 0) {
            throw new IllegalArgumentException("count=" + count + " (expected: >= 0)");
        }
        if (count == 0 || displs.length == 0) {
            return;
        }
        long first = (long) offset + minDispl;
        long last = (long) offset + (long) (count - 1) * extent() + maxDispl;
        int length = Array.getLength(buf);
        if (first < 0 || last >= length) {
            throw new IllegalArgumentException(
                    what + " offset=" + offset + ", count=" + count + " of " + this + " reaches elements " + first
                            + ".." + last + " (expected: within " + what + " length=" + length + ")");
        }
    }

    /** Copies {@code count} items from {@code buf} into a new contiguous array. */
    Object pack(Object buf, int offset, int count) {
        Object out = base.newArray(count * displs.length);
        pack(buf, offset, count, out, 0);
        return out;
    }

    /** Copies {@code count} items from {@code buf} into {@code out} at {@code outOffset}. */
    void pack(Object buf, int offset, int count, Object out, int outOffset) {
        int pos = outOffset;
        int extent = extent();
        for (int i = 0; i < count; i++) {
            int at = offset + i * extent;
            for (int r = 0; r < runStarts.length; r++) {
                System.arraycopy(buf, at + runStarts[r], out, pos, runLengths[r]);
                pos += runLengths[r];
            }
        }
    }

    /**
     * Copies {@code elements} packed elements from {@code packed} back into the items of
     * {@code buf} from {@code offset}, filling whole items first.
     */
    void unpack(Object packed, int packedOffset, int elements, Object buf, int offset) {
        int pos = packedOffset;
        int left = elements;
        int extent = extent();
        for (int i = 0; left > 0; i++) {
            int at = offset + i * extent;
            for (int r = 0; r < runStarts.length && left > 0; r++) {
                int n = Math.min(runLengths[r], left);
                System.arraycopy(packed, pos, buf, at + runStarts[r], n);
                pos += n;
                left -= n;
            }
        }
    }
}
