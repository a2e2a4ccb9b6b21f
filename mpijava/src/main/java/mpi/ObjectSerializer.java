package mpi;

import dev.jmpi.Codecs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;

/**
 * Java serialization of {@link MPI#OBJECT} buffers. Deserializing network bytes can run
 * code of any class on the classpath, so reads go through core's allow-list, the one
 * {@link Codecs#allowJavaSerialization} sets for the object calls of {@code dev.jmpi} too
 * ({@link MPI#setObjectInputFilter} is the same call). While the program has allowed nothing,
 * only {@link #DEFAULT_ALLOW_LIST} (classes of {@code java.base}) is accepted. The JVM-wide filter
 * ({@code jdk.serialFilter}), if set, is applied as well.
 */
final class ObjectSerializer {

    /** The allow-list in force until the program sets one: JDK classes only, bounded graphs. */
    static final String DEFAULT_ALLOW_LIST = "maxdepth=200;maxrefs=10000000;maxarray=100000000;java.base/*;!*";

    private static final ObjectInputFilter DEFAULT_FILTER = ObjectInputFilter.Config.createFilter(DEFAULT_ALLOW_LIST);

    private ObjectSerializer() {}

    /**
     * The allow-list reads go through: core's, or {@link #DEFAULT_ALLOW_LIST} while none is set.
     * (The deny-list property of earlier versions, {@code jmpi.mpijava.serialFilter}, fails init.)
     */
    static ObjectInputFilter allowList() {
        return Codecs.javaSerializationFilter().orElse(DEFAULT_FILTER);
    }

    /** Serializes {@code count} objects of {@code buf} from {@code offset}. */
    static byte[] write(Object[] buf, int offset, int count) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 16 * count);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeInt(count);
            for (int i = 0; i < count; i++) {
                out.writeObject(buf[offset + i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "MPI.OBJECT: cannot serialize the buffer (expected: every element" + " Serializable or null): " + e,
                    e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #write} produced, through the allow-list. */
    static Object[] read(byte[] bytes) {
        ObjectInputFilter f = allowList();
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        if (jvmWide != null) {
            f = ObjectInputFilter.merge(f, jvmWide);
        }
        RejectionRecorder recorder = new RejectionRecorder(f);
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(recorder);
            int n = in.readInt();
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = in.readObject();
            }
            return out;
        } catch (InvalidClassException e) {
            throw new IllegalStateException(rejection(recorder, e), e);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(
                    "MPI.OBJECT: cannot deserialize a received message (expected: every"
                            + " class it names on this rank's classpath): " + e,
                    e);
        }
    }

    private static String rejection(RejectionRecorder recorder, InvalidClassException e) {
        Class<?> c = recorder.rejectedClass;
        if (c == null) {
            return "MPI.OBJECT: the Java-serialization filter rejected a received message (" + e.getMessage()
                    + "; expected: an object graph within the allow-list's limits, " + DEFAULT_ALLOW_LIST
                    + " by default)";
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        String name = c.getName();
        return "MPI.OBJECT: received a " + name + ", which is not on the Java-serialization allow-list of this rank"
                + " (expected: the class allowed on every rank before the message arrives, e.g."
                + " Codecs.allowJavaSerialization(ObjectInputFilter.Config.createFilter(\"" + name
                + ";java.base/*;!*\")), or the same filter through MPI.setObjectInputFilter)";
    }

    /** Delegates to the allow-list and remembers the first class it rejects, for the error message. */
    private static final class RejectionRecorder implements ObjectInputFilter {
        private final ObjectInputFilter allowList;
        Class<?> rejectedClass;

        RejectionRecorder(ObjectInputFilter allowList) {
            this.allowList = allowList;
        }

        @Override
        public Status checkInput(FilterInfo info) {
            Status s = allowList.checkInput(info);
            if (s == Status.REJECTED && rejectedClass == null) {
                rejectedClass = info.serialClass();
            }
            return s;
        }
    }
}
