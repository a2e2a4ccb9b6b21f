package dev.jmpi.core.internal;

import dev.jmpi.JmpiException;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The structured part of {@link ObjectEncoding}: records, enums, {@code Optional}s, {@code Set}s
 * and arrays of objects, encoded field by field with no Java serialization.
 *
 * <p>A record travels as its class name and its components in declaration order (found by
 * reflection on its {@link java.lang.reflect.RecordComponent}s, once per class:
 * {@link RecordShape}); the receiver rebuilds it through its canonical constructor, so the
 * record's own validation runs, and only a class that is a record is ever instantiated. An enum
 * travels as its class name and constant name. Components nest any encodable value.
 */
final class StructuredEncoding {

    // Tags well apart from ObjectEncoding's own (0..24), so either can grow without a clash.
    static final byte RECORD = 40;
    static final byte ENUM = 41;
    static final byte OPTIONAL = 42;
    static final byte SET = 43;
    static final byte OBJECT_ARRAY = 44;

    private StructuredEncoding() {}

    /** Writes {@code v} if it is of a structured kind and returns true; otherwise writes nothing. */
    static boolean write(Object v, ByteArrayOutputStream out) {
        Class<?> c = v.getClass();
        if (c.isRecord()) {
            RecordShape shape = RecordShape.of(c);
            out.write(RECORD);
            writeString(c.getName(), out);
            writeInt(shape.size(), out);
            for (int i = 0; i < shape.size(); i++) {
                ObjectEncoding.write(shape.component(v, i), out);
            }
        } else if (v instanceof Enum<?> e) {
            out.write(ENUM);
            writeString(e.getDeclaringClass().getName(), out);
            writeString(e.name(), out);
        } else if (v instanceof Optional<?> o) {
            out.write(OPTIONAL);
            out.write(o.isPresent() ? 1 : 0);
            if (o.isPresent()) {
                ObjectEncoding.write(o.get(), out);
            }
        } else if (v instanceof Set<?> set) {
            out.write(SET);
            writeInt(set.size(), out);
            for (Object e : set) {
                ObjectEncoding.write(e, out);
            }
        } else if (v instanceof Object[] array) {
            out.write(OBJECT_ARRAY);
            writeString(c.getComponentType().getName(), out);
            writeInt(array.length, out);
            for (Object e : array) {
                ObjectEncoding.write(e, out);
            }
        } else {
            return false;
        }
        return true;
    }

    /** True if {@code tag} is one this class reads. */
    static boolean reads(byte tag) {
        return tag >= RECORD && tag <= OBJECT_ARRAY;
    }

    /** Reads the body of a value whose tag {@link #reads} accepted. */
    static Object read(byte tag, ByteBuffer in) {
        switch (tag) {
            case RECORD:
                return readRecord(in);
            case ENUM:
                return readEnum(in);
            case OPTIONAL:
                return in.get() == 0 ? Optional.empty() : Optional.ofNullable(ObjectEncoding.read(in));
            case SET: {
                int n = readLength(in);
                Set<Object> set = new LinkedHashSet<>();
                for (int i = 0; i < n; i++) {
                    set.add(ObjectEncoding.read(in));
                }
                return set;
            }
            default:
                return readObjectArray(in);
        }
    }

    private static Object readRecord(ByteBuffer in) {
        String name = readString(in);
        Class<?> c = load(name, "record");
        if (!c.isRecord()) {
            throw new JmpiException("object message names " + name + " as a record (expected: a record class)", true);
        }
        RecordShape shape = RecordShape.of(c);
        int n = in.getInt();
        if (n != shape.size()) {
            throw new JmpiException(
                    "received record " + name + " with " + n + " components, but " + name + " here has " + shape.size()
                            + " (expected: the same version of the class on every rank)",
                    true);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = ObjectEncoding.read(in);
        }
        return shape.construct(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object readEnum(ByteBuffer in) {
        String name = readString(in);
        String constant = readString(in);
        Class<?> c = load(name, "enum");
        if (!c.isEnum()) {
            throw new JmpiException("object message names " + name + " as an enum (expected: an enum class)", true);
        }
        try {
            return Enum.valueOf((Class) c, constant);
        } catch (IllegalArgumentException e) {
            throw new JmpiException(
                    "received " + name + "." + constant + ", which " + name
                            + " here does not have (expected: the same version of the enum on every rank)",
                    true);
        }
    }

    private static Object readObjectArray(ByteBuffer in) {
        String name = readString(in);
        Class<?> component = load(name, "array element");
        int n = readLength(in);
        Object array = Array.newInstance(component, n);
        for (int i = 0; i < n; i++) {
            Object e = ObjectEncoding.read(in);
            if (e != null && !component.isInstance(e)) {
                throw new JmpiException(
                        "received a " + e.getClass().getName() + " as element " + i + " of a " + name
                                + "[] (expected: a " + name + ")",
                        true);
            }
            Array.set(array, i, e);
        }
        return array;
    }

    private static Class<?> load(String name, String kind) {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        try {
            return Class.forName(name, false, l != null ? l : StructuredEncoding.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new JmpiException(
                    "cannot decode " + kind + " " + name + ": is its class on this rank's" + " classpath? (" + e + ")",
                    e,
                    true);
        }
    }

    private static void writeString(String s, ByteArrayOutputStream out) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeInt(b.length, out);
        out.write(b, 0, b.length);
    }

    private static String readString(ByteBuffer in) {
        byte[] b = new byte[readLength(in)];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void writeInt(int v, ByteArrayOutputStream out) {
        out.write(
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array(), 0, 4);
    }

    private static int readLength(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new JmpiException(
                    "object message length " + n + " exceeds the " + in.remaining()
                            + " bytes left (expected: a well-formed encoding)",
                    true);
        }
        return n;
    }
}
