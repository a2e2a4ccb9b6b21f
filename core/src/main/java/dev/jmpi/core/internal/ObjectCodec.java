package dev.jmpi.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * Encodes any object the object-style calls accept into bytes and back, using the built-in
 * encodings and the codecs registered with {@link dev.jmpi.Codecs}. Internal.
 */
public final class ObjectCodec {

    private ObjectCodec() {}

    /** Encodes {@code value} (may be null). */
    public static byte[] encode(@Nullable Object value) {
        return ObjectEncoding.encode(value);
    }

    /** Decodes what {@link #encode} produced. */
    public static @Nullable Object decode(byte[] bytes) {
        return ObjectEncoding.decode(bytes, 0, bytes.length);
    }

    /** Decodes {@code length} bytes at {@code offset}. */
    public static @Nullable Object decode(byte[] bytes, int offset, int length) {
        return ObjectEncoding.decode(bytes, offset, length);
    }
}
