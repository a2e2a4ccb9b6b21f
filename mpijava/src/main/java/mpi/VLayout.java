package mpi;

/**
 * Per-rank blocks of a v-variant collective (counts and displacements in items of a
 * datatype) as the core sees them: the caller's array with element counts and
 * displacements when the type is dense, else a packed copy with the blocks back to back.
 */
final class VLayout {

    final Object array;
    final int offset;
    final int[] counts;
    final int[] displs;
    private final Object userBuf;
    private final int userOffset;
    private final int[] userDispls;
    private final Datatype type;

    private VLayout(
            Object array,
            int offset,
            int[] counts,
            int[] displs,
            Object userBuf,
            int userOffset,
            int[] userDispls,
            Datatype type) {
        this.array = array;
        this.offset = offset;
        this.counts = counts;
        this.displs = displs;
        this.userBuf = userBuf;
        this.userOffset = userOffset;
        this.userDispls = userDispls;
        this.type = type;
    }

    /** Blocks to send; packed when the type has gaps. */
    static VLayout in(String what, Object buf, int offset, int[] counts, int[] displs, Datatype type, int size) {
        return build(what, buf, offset, counts, displs, type, size, true);
    }

    /** Blocks to receive into. */
    static VLayout out(String what, Object buf, int offset, int[] counts, int[] displs, Datatype type, int size) {
        return build(what, buf, offset, counts, displs, type, size, false);
    }

    private static VLayout build(
            String what, Object buf, int offset, int[] counts, int[] displs, Datatype type, int size, boolean pack) {
        if (counts == null || counts.length < size || displs == null || displs.length < size) {
            throw new IllegalArgumentException(
                    what + ": counts and displacements need " + size + " entries (expected: one per rank)");
        }
        int per = type.size();
        int[] c = new int[size];
        int[] d = new int[size];
        for (int i = 0; i < size; i++) {
            type.checkBuffer(what + " block " + i, buf, offset + displs[i] * type.extent(), counts[i]);
            c[i] = counts[i] * per;
        }
        if (type.dense()) {
            for (int i = 0; i < size; i++) {
                d[i] = displs[i] * per;
            }
            return new VLayout(buf, offset, c, d, buf, offset, displs, type);
        }
        int total = 0;
        for (int i = 0; i < size; i++) {
            d[i] = total;
            total += c[i];
        }
        Object tmp = type.base.newArray(total);
        if (pack) {
            for (int i = 0; i < size; i++) {
                type.pack(buf, offset + displs[i] * type.extent(), counts[i], tmp, d[i]);
            }
        }
        return new VLayout(tmp, 0, c, d, buf, offset, displs, type);
    }

    /** Copies the received blocks back into the caller's buffer (nothing to do when dense). */
    void unpack() {
        if (array == userBuf) {
            return;
        }
        for (int i = 0; i < counts.length; i++) {
            type.unpack(array, displs[i], counts[i], userBuf, userOffset + userDispls[i] * type.extent());
        }
    }
}
