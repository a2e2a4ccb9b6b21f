package mpi;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Java serialization of {@link MPI#OBJECT} buffers. Deserializing network bytes can run
 * code of any class on the classpath, so reads go through an {@link ObjectInputFilter}: by
 * default one that rejects the classic gadget-chain packages and bounds depth and size;
 * programs tighten it with {@link MPI#setObjectInputFilter}. The JVM-wide filter
 * ({@code jdk.serialFilter}), if set, is applied as well.
 */
final class ObjectSerializer {

    /** System property holding a filter pattern that replaces the default. */
    static final String FILTER_PROP = "jmpi.mpijava.serialFilter";

    static final String DEFAULT_PATTERN = "maxdepth=200;maxrefs=10000000;maxarray=100000000;"
        + "!org.apache.commons.collections.functors.*;!org.apache.commons.collections4.functors.*;"
        + "!org.codehaus.groovy.runtime.*;!com.sun.org.apache.xalan.internal.xsltc.trax.*;"
        + "!org.apache.xalan.xsltc.trax.*;!org.springframework.beans.factory.*;!com.mchange.v2.c3p0.*;"
        + "!javax.management.*;!java.rmi.*;!sun.rmi.*;!com.sun.rowset.*;!com.sun.jndi.*;!bsh.*;"
        + "!org.python.core.*;!clojure.*;!org.mozilla.javascript.*;!com.sun.syndication.*";

    private static volatile ObjectInputFilter filter = ObjectInputFilter.Config.createFilter(
        System.getProperty(FILTER_PROP, DEFAULT_PATTERN));

    private ObjectSerializer() {
    }

    static void setFilter(ObjectInputFilter f) {
        filter = Objects.requireNonNull(f, "filter");
    }

    static ObjectInputFilter filter() {
        return filter;
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
            throw new UncheckedIOException("MPI.OBJECT: cannot serialize the buffer (expected: every element"
                + " Serializable or null): " + e, e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #write} produced, through the filter. */
    static Object[] read(byte[] bytes) {
        ObjectInputFilter f = filter;
        ObjectInputFilter jvmWide = ObjectInputFilter.Config.getSerialFilter();
        if (jvmWide != null) {
            f = ObjectInputFilter.merge(f, jvmWide);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(f);
            int n = in.readInt();
            Object[] out = new Object[n];
            for (int i = 0; i < n; i++) {
                out[i] = in.readObject();
            }
            return out;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("MPI.OBJECT: cannot deserialize a received message (the object filter "
                + "rejects a class, or a class is missing on this rank): " + e, e);
        }
    }
}
