package mpi;

/**
 * A buffer region as the core sees it: the caller's array itself when the datatype is dense,
 * else a contiguous copy that is packed before and unpacked after the call.
 */
final class View {

    final Object array;
    final int offset;
    final int elements;
    private final Object userBuf;
    private final int userOffset;
    private final Datatype type;

    private View(Object array, int offset, int elements, Object userBuf, int userOffset, Datatype type) {
        this.array = array;
        this.offset = offset;
        this.elements = elements;
        this.userBuf = userBuf;
        this.userOffset = userOffset;
        this.type = type;
    }

    /** The data of {@code count} items to send. */
    static View in(String what, Object buf, int offset, int count, Datatype type) {
        type.checkBuffer(what, buf, offset, count);
        int n = count * type.size();
        if (type.dense()) {
            return new View(buf, offset, n, buf, offset, type);
        }
        return new View(type.pack(buf, offset, count), 0, n, buf, offset, type);
    }

    /**
     * Room for {@code count} items to receive; {@code preload} copies the current contents
     * in (for in-place operations).
     */
    static View out(String what, Object buf, int offset, int count, Datatype type, boolean preload) {
        type.checkBuffer(what, buf, offset, count);
        int n = count * type.size();
        if (type.dense()) {
            return new View(buf, offset, n, buf, offset, type);
        }
        Object tmp = preload ? type.pack(buf, offset, count) : type.base.newArray(n);
        return new View(tmp, 0, n, buf, offset, type);
    }

    /** Copies received data back into the caller's buffer (nothing to do when dense). */
    void unpack() {
        if (array != userBuf) {
            type.unpack(array, 0, elements, userBuf, userOffset);
        }
    }
}
