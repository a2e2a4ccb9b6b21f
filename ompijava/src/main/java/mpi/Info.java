package mpi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Key/value hints (MPI_Info). jmpi acts on none of them but keeps them. */
public final class Info implements Freeable, Cloneable {

    private final Map<String, String> entries = new LinkedHashMap<>();
    private final boolean isNullInfo;

    /** An empty info object. */
    public Info() {
        this(false);
    }

    private Info(boolean isNullInfo) {
        this.isNullInfo = isNullInfo;
    }

    static Info nullInfo() {
        return new Info(true);
    }

    static Info env() {
        Info info = new Info();
        info.entries.put("host", MPI.hostName());
        info.entries.put(
                "maxprocs",
                String.valueOf(dev.jmpi.Jmpi.world().map(w -> w.size()).orElse(1)));
        info.entries.put("wdir", System.getProperty("user.dir"));
        return info;
    }

    /** Sets {@code key} to {@code value}. */
    public void set(String key, String value) throws MPIException {
        if (key == null || key.length() > MPI.MAX_INFO_KEY) {
            throw new MPIException(
                    ErrorCodes.ERR_INFO_KEY,
                    "key=" + key + " (expected: 1.." + MPI.MAX_INFO_KEY + " characters)",
                    null);
        }
        entries.put(key, value);
    }

    /** The value of {@code key}, or {@code null}. */
    public String get(String key) throws MPIException {
        return entries.get(key);
    }

    /** Deletes {@code key}. */
    public void delete(String key) throws MPIException {
        if (entries.remove(key) == null) {
            throw new MPIException(ErrorCodes.ERR_INFO_NOKEY, "key=" + key + " is not set (expected: a set key)", null);
        }
    }

    /** Number of keys. */
    public int size() throws MPIException {
        return entries.size();
    }

    /** The {@code i}-th key. */
    public String getKey(int i) throws MPIException {
        List<String> keys = new ArrayList<>(entries.keySet());
        if (i < 0 || i >= keys.size()) {
            throw Errors.arg("i=" + i + " (expected: 0 <= i < size()=" + keys.size() + ")");
        }
        return keys.get(i);
    }

    @Override
    public Info clone() {
        Info copy = new Info();
        copy.entries.putAll(entries);
        return copy;
    }

    /** A copy. */
    public Info dup() throws MPIException {
        return clone();
    }

    @Override
    public void free() throws MPIException {
        entries.clear();
    }

    /** True for {@link MPI#INFO_NULL}. */
    public boolean isNull() {
        return isNullInfo;
    }
}
