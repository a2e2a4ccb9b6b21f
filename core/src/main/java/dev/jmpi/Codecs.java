package dev.jmpi;

import dev.jmpi.core.internal.CodecRegistry;
import java.io.ObjectInputFilter;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How the object-style calls encode values. Built in, with no setup: {@code null},
 * {@code String}, boxed primitives, primitive arrays, {@code List}s, {@code Set}s, {@code Map}s,
 * {@code Optional}s and arrays of encodable values, records (component by component; the
 * receiver calls the canonical constructor), enums (by constant name), and Protobuf messages
 * (any generated {@code com.google.protobuf.Message}). A registered codec wins over these.
 * Anything else needs a {@link Codec} registered on every rank:
 *
 * <pre>{@code
 * Codecs.register(Point.class, new PointCodec());
 * }</pre>
 *
 * <p>Java serialization is off: deserializing bytes from the network is a known
 * remote-code-execution hole. A program that needs it turns it on with an allow-list,
 * on every rank: {@code Codecs.allowJavaSerialization(ObjectInputFilter.Config.createFilter("com.example.*;java.base/*;!*"))}.
 */
public final class Codecs {

    private static volatile @Nullable ObjectInputFilter javaSerializationFilter;

    private Codecs() {}

    /**
     * Registers {@code codec} for exactly {@code type} (not its subclasses).
     *
     * @param <T> the type the codec encodes
     * @param type the exact class of the values
     * @param codec encodes and decodes values of {@code type}
     */
    public static <T> void register(Class<T> type, Codec<T> codec) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(codec, "codec");
        CodecRegistry.put(type.getName(), codec);
    }

    /**
     * Removes the codec for {@code type}.
     *
     * @param type the class whose codec to remove
     */
    public static void unregister(Class<?> type) {
        CodecRegistry.remove(type.getName());
    }

    /**
     * Allows objects that are {@link java.io.Serializable} and have no codec to travel with
     * Java serialization; received bytes are deserialized only through {@code filter}.
     *
     * @param filter the classes Java serialization may decode
     */
    public static void allowJavaSerialization(ObjectInputFilter filter) {
        javaSerializationFilter = Objects.requireNonNull(filter, "filter");
    }

    /** Turns Java serialization off again (the default). */
    public static void disableJavaSerialization() {
        javaSerializationFilter = null;
    }

    /**
     * The filter in force, if Java serialization is on.
     *
     * @return the filter Java serialization decodes with; empty while Java serialization is off
     */
    public static Optional<ObjectInputFilter> javaSerializationFilter() {
        return Optional.ofNullable(javaSerializationFilter);
    }
}
