package mpi;

/**
 * The core's view of {@code count} items of a datatype in a user's buffer: the user's own
 * array when the type is dense and the buffer is an array (no copy), else a packed copy in a
 * fresh primitive array that {@link #writeBack()} unpacks after a receive. A receive copy is
 * filled from the buffer first, so writing it back leaves what was not received unchanged.
 */
final class Staged {

    /** Primitive array the core reads or writes. */
    final Object array;
    /** First element in {@link #array}. */
    final int offset;
    /** Elements in {@link #array} from {@link #offset} (items times the type's size). */
    final int length;

    private final Memory memory;
    private final Datatype type;
    private final int count;
    private final boolean copied;

    private Staged(Object array, int offset, int length, Memory memory, Datatype type, int count, boolean copied) {
        this.array = array;
        this.offset = offset;
        this.length = length;
        this.memory = memory;
        this.type = type;
        this.count = count;
        this.copied = copied;
    }

    /**
     * A point-to-point receive buffer: as {@link #of}, but a dense type in an NIO buffer is not
     * read first, since {@link #writeBack(int)} writes back only the elements that arrived.
     */
    static Staged forReceive(Object buf, int count, Datatype type) throws MPIException {
        if (buf == null || count <= 0 || !type.map.isDense() || buf.getClass().isArray()) {
            return of(buf, count, type);
        }
        type.checkUsable();
        Memory m = Memory.of(buf, type);
        if (m.isArray()) {
            return of(buf, count, type);
        }
        checkSpan(m, count, type);
        int n = count * type.map.size();
        return new Staged(Memory.newArray(type.baseType, n), 0, n, m, type, count, true);
    }

    /** {@code count} items of {@code type} from {@code buf}, ready to send or reduce. */
    static Staged of(Object buf, int count, Datatype type) throws MPIException {
        if (count < 0) {
            throw new MPIException(ErrorCodes.ERR_COUNT, "count=" + count + " (expected: >= 0)", null);
        }
        type.checkUsable();
        int size = type.map.size();
        if (buf == null) {
            if (count == 0 || size == 0) {
                return new Staged(Memory.newArray(type.baseType, 0), 0, 0, null, type, 0, false);
            }
            throw new MPIException(
                    ErrorCodes.ERR_BUFFER,
                    "buffer=null for count=" + count + " (expected: an array or a buffer)",
                    null);
        }
        Memory m = Memory.of(buf, type);
        checkSpan(m, count, type);
        if (m.isArray() && type.map.isDense()) {
            return new Staged(m.target, m.first, count * size, m, type, count, false);
        }
        Object packed = Memory.newArray(type.baseType, count * size);
        TypeMap map = type.map;
        int n = 0;
        for (int i = 0; i < count; i++) {
            int base = m.first + i * map.extent;
            for (int r = 0; r < map.runStart.length; r++) {
                m.read(base + map.runStart[r], packed, n, map.runLength[r]);
                n += map.runLength[r];
            }
        }
        return new Staged(packed, 0, count * size, m, type, count, true);
    }

    /**
     * After a receive of {@code elements} elements: for a dense type only those are written
     * back (a receive made by {@link #forReceive} did not read the rest); else all of it.
     */
    void writeBack(int elements) {
        if (copied && type.map.isDense()) {
            memory.write(memory.first, array, 0, Math.min(Math.max(elements, 0), length));
        } else {
            writeBack();
        }
    }

    /** Unpacks a packed copy into the user's buffer (after the core wrote into it). */
    void writeBack() {
        if (!copied) {
            return;
        }
        TypeMap map = type.map;
        int n = 0;
        for (int i = 0; i < count; i++) {
            int base = memory.first + i * map.extent;
            for (int r = 0; r < map.runStart.length; r++) {
                memory.write(base + map.runStart[r], array, n, map.runLength[r]);
                n += map.runLength[r];
            }
        }
    }

    /** Elements per item, to scale counts and displacements in items to the core's elements. */
    int itemSize() {
        return type.map.size();
    }

    int[] scale(int[] items) {
        int size = type.map.size();
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = items[i] * size;
        }
        return out;
    }

    private static void checkSpan(Memory m, int count, Datatype type) throws MPIException {
        if (count == 0 || type.map.size() == 0) {
            return;
        }
        TypeMap map = type.map;
        long lo = (long) m.first + map.trueLb() + Math.min(0, (long) (count - 1) * map.extent);
        long hi = (long) m.first + map.trueLb() + map.trueExtent() + Math.max(0, (long) (count - 1) * map.extent);
        if (lo < 0 || hi > m.length()) {
            throw new MPIException(
                    ErrorCodes.ERR_BUFFER,
                    "count=" + count + " items of " + type
                            + " span elements " + (lo - m.first) + ".." + (hi - m.first) + " of a buffer of "
                            + (m.length() - m.first)
                            + " elements (expected: the items fit the buffer)",
                    null);
        }
    }

    /** Items a v-collective's buffer spans: the largest {@code displs[i] + counts[i]}. */
    static int span(int[] counts, int[] displs) {
        int max = 0;
        for (int i = 0; i < counts.length; i++) {
            max = Math.max(max, displs[i] + counts[i]);
        }
        return max;
    }
}
