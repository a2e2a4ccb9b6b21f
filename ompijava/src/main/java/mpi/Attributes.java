package mpi;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Attribute caching for communicators and datatypes. Values are kept as given (Open MPI's
 * bindings serialize them, so they get a copy back; see the README).
 */
final class Attributes {

    /** First user key; below are the predefined keys (TAG_UB .. WIN_DISP_UNIT). */
    private static final AtomicInteger NEXT_KEY = new AtomicInteger(64);

    private final Map<Integer, Object> values = new ConcurrentHashMap<>();

    static int createKeyval() {
        return NEXT_KEY.getAndIncrement();
    }

    static void freeKeyval(int keyval) throws MPIException {
        if (keyval < 64) {
            throw new MPIException(
                    ErrorCodes.ERR_KEYVAL, "keyval=" + keyval + " (expected: a key made by createKeyval)", null);
        }
    }

    void set(int keyval, Object value) throws MPIException {
        freeKeyval(keyval);
        if (value == null) {
            values.remove(keyval);
        } else {
            values.put(keyval, value);
        }
    }

    Object get(int keyval) {
        return values.get(keyval);
    }

    void delete(int keyval) {
        values.remove(keyval);
    }

    void copyTo(Attributes other) {
        other.values.putAll(values);
    }
}
