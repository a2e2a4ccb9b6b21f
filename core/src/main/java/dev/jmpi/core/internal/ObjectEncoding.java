package dev.jmpi.core.internal;

import dev.jmpi.Codec;
import dev.jmpi.Codecs;
import dev.jmpi.InvalidArgumentException;
import dev.jmpi.JmpiException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The byte format of object messages: one tag byte naming the kind of value, then its body.
 * Primitive arrays are written in bulk; containers nest length-prefixed encodings.
 */
final class ObjectEncoding {

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte BOOLEAN = 2;
    private static final byte BYTE = 3;
    private static final byte SHORT = 4;
    private static final byte INT = 5;
    private static final byte LONG = 6;
    private static final byte FLOAT = 7;
    private static final byte DOUBLE = 8;
    private static final byte CHAR = 9;
    private static final byte ARRAY = 10;
    private static final byte LIST = 20;
    private static final byte MAP = 21;
    private static final byte PROTOBUF = 22;
    private static final byte CODEC = 23;
    private static final byte JAVA_SERIALIZED = 24;

    private ObjectEncoding() {}

    static byte[] encode(@Nullable Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        write(value, out);
        return out.toByteArray();
    }

    static @Nullable Object decode(byte[] bytes, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        Object v = read(in);
        if (in.hasRemaining()) {
            throw new JmpiException(
                    "object message has " + in.remaining()
                            + " bytes after its value (expected: exactly one encoded value)",
                    true);
        }
        return v;
    }

    static void write(@Nullable Object v, ByteArrayOutputStream out) {
        if (v == null) {
            out.write(NULL);
        } else if (v instanceof String s) {
            out.write(STRING);
            writeBytes(s.getBytes(StandardCharsets.UTF_8), out);
        } else if (v instanceof Boolean b) {
            out.write(BOOLEAN);
            out.write(b ? 1 : 0);
        } else if (v instanceof Byte b) {
            out.write(BYTE);
            out.write(b);
        } else if (v instanceof Short s) {
            out.write(SHORT);
            writeFixed(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(s), out);
        } else if (v instanceof Integer i) {
            out.write(INT);
            writeInt(i, out);
        } else if (v instanceof Long l) {
            out.write(LONG);
            writeFixed(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(l), out);
        } else if (v instanceof Float f) {
            out.write(FLOAT);
            writeFixed(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(f), out);
        } else if (v instanceof Double d) {
            out.write(DOUBLE);
            writeFixed(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(d), out);
        } else if (v instanceof Character c) {
            out.write(CHAR);
            writeFixed(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putChar(c), out);
        } else if (dev.jmpi.Datatype.ofArray(v) != null) {
            writeArray(v, out);
        } else if (v instanceof List<?> list) {
            out.write(LIST);
            writeInt(list.size(), out);
            for (Object e : list) {
                write(e, out);
            }
        } else if (v instanceof Map<?, ?> map) {
            out.write(MAP);
            writeInt(map.size(), out);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                write(e.getKey(), out);
                write(e.getValue(), out);
            }
        } else if (UserProtobuf.isMessage(v.getClass())) {
            out.write(PROTOBUF);
            writeBytes(v.getClass().getName().getBytes(StandardCharsets.UTF_8), out);
            writeBytes(UserProtobuf.toByteArray(v), out);
        } else {
            writeOther(v, out);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void writeOther(Object v, ByteArrayOutputStream out) {
        Codec codec = CodecRegistry.lookup(v.getClass().getName());
        if (codec != null) {
            out.write(CODEC);
            writeBytes(v.getClass().getName().getBytes(StandardCharsets.UTF_8), out);
            ByteBuffer body = codec.encode(v);
            byte[] bytes = new byte[body.remaining()];
            body.duplicate().get(bytes);
            writeBytes(bytes, out);
            return;
        }
        if (StructuredEncoding.write(v, out)) {
            return;
        }
        if (v instanceof Serializable && Codecs.javaSerializationFilter().isPresent()) {
            out.write(JAVA_SERIALIZED);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
                oos.writeObject(v);
            } catch (IOException e) {
                throw new InvalidArgumentException(
                        "value of " + v.getClass().getName() + " could not be serialized: " + e);
            }
            writeBytes(bytes.toByteArray(), out);
            return;
        }
        throw new InvalidArgumentException("value of " + v.getClass().getName() + " has no encoding (expected:"
                + " String, a boxed primitive, a primitive array, a record, an enum, an Optional, a List, Set, Map or"
                + " array of those, a Protobuf message,"
                + " a type with a Codec registered via Codecs.register, or Java serialization allowed via"
                + " Codecs.allowJavaSerialization)");
    }

    // The ordinal is a code between ranks of one jmpi version (the handshake refuses others).
    @SuppressWarnings("EnumOrdinal")
    private static void writeArray(Object array, ByteArrayOutputStream out) {
        dev.jmpi.Datatype t =
                Objects.requireNonNull(dev.jmpi.Datatype.ofArray(array), "a primitive array (write checks)");
        int n = java.lang.reflect.Array.getLength(array);
        out.write(ARRAY);
        out.write(t.ordinal());
        writeInt(n, out);
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer(n * t.sizeBytes());
        try {
            Buffers.write(array, 0, n, buf);
            buf.readBytes(out, buf.readableBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            buf.release();
        }
    }

    static @Nullable Object read(ByteBuffer in) {
        byte tag = in.get();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return new String(readBytes(in), StandardCharsets.UTF_8);
            case BOOLEAN:
                return in.get() != 0;
            case BYTE:
                return in.get();
            case SHORT:
                return in.getShort();
            case INT:
                return in.getInt();
            case LONG:
                return in.getLong();
            case FLOAT:
                return in.getFloat();
            case DOUBLE:
                return in.getDouble();
            case CHAR:
                return in.getChar();
            case ARRAY:
                return readArray(in);
            case LIST: {
                int n = readLength(in);
                List<Object> list = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    list.add(read(in));
                }
                return list;
            }
            case MAP: {
                int n = readLength(in);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    map.put(read(in), read(in));
                }
                return map;
            }
            case PROTOBUF:
                return readProtobuf(in);
            case CODEC:
                return readCodec(in);
            case JAVA_SERIALIZED:
                return readSerialized(in);
            default:
                if (StructuredEncoding.reads(tag)) {
                    return StructuredEncoding.read(tag, in);
                }
                throw new JmpiException(
                        "object message starts with unknown tag " + tag
                                + " (expected: a value encoded by jmpi's ObjectEncoding)",
                        true);
        }
    }

    @SuppressWarnings("EnumOrdinal") // the code writeArray wrote
    private static Object readArray(ByteBuffer in) {
        dev.jmpi.Datatype t = dev.jmpi.Datatype.values()[in.get()];
        int n = readLength(in);
        Object array = java.lang.reflect.Array.newInstance(t.arrayClass().getComponentType(), n);
        int bytes = n * t.sizeBytes();
        io.netty.buffer.ByteBuf buf =
                io.netty.buffer.Unpooled.wrappedBuffer(in.array(), in.arrayOffset() + in.position(), bytes);
        Buffers.read(buf, array, 0, n);
        in.position(in.position() + bytes);
        return array;
    }

    private static Object readProtobuf(ByteBuffer in) {
        String className = new String(readBytes(in), StandardCharsets.UTF_8);
        byte[] body = readBytes(in);
        try {
            Class<?> c = Class.forName(className, false, contextLoader());
            if (!UserProtobuf.isMessage(c)) {
                throw new JmpiException(
                        "object message names " + className + " (expected: a generated Protobuf message class)", true);
            }
            return UserProtobuf.parse(c, body);
        } catch (ReflectiveOperationException e) {
            throw new JmpiException(
                    "cannot decode Protobuf message " + className + ": is its class on this rank's classpath? (" + e
                            + ")",
                    e,
                    true);
        }
    }

    private static Object readCodec(ByteBuffer in) {
        String className = new String(readBytes(in), StandardCharsets.UTF_8);
        byte[] body = readBytes(in);
        Codec<?> codec = CodecRegistry.lookup(className);
        if (codec == null) {
            throw new JmpiException(
                    "received a " + className + " but no codec is registered for it here"
                            + " (expected: Codecs.register(" + className + ".class, ...) on every rank)",
                    true);
        }
        return codec.decode(ByteBuffer.wrap(body));
    }

    private static Object readSerialized(ByteBuffer in) {
        byte[] body = readBytes(in);
        ObjectInputFilter filter = Codecs.javaSerializationFilter()
                .orElseThrow(() -> new JmpiException(
                        "received a Java-serialized object but Java serialization is off here"
                                + " (expected: Codecs.allowJavaSerialization(filter) on every rank)",
                        true));
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(body))) {
            ois.setObjectInputFilter(filter);
            return ois.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new JmpiException("Java-serialized object rejected or unreadable: " + e, e, true);
        }
    }

    private static ClassLoader contextLoader() {
        ClassLoader l = Thread.currentThread().getContextClassLoader();
        return l != null ? l : ObjectEncoding.class.getClassLoader();
    }

    private static void writeInt(int v, ByteArrayOutputStream out) {
        writeFixed(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v), out);
    }

    @SuppressWarnings("ByteBufferBackingArray") // b is always a heap buffer from ByteBuffer.allocate
    private static void writeFixed(ByteBuffer b, ByteArrayOutputStream out) {
        out.write(b.array(), 0, b.position());
    }

    private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
        writeInt(bytes.length, out);
        out.write(bytes, 0, bytes.length);
    }

    private static byte[] readBytes(ByteBuffer in) {
        byte[] b = new byte[readLength(in)];
        in.get(b);
        return b;
    }

    private static int readLength(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining() * 8L + 8) {
            throw new JmpiException(
                    "object message length " + n + " exceeds the " + in.remaining()
                            + " bytes left (expected: a well-formed encoding)",
                    true);
        }
        return n;
    }
}
