package dev.jmpi.core.internal;

import dev.jmpi.Codec;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The codecs users registered with {@link dev.jmpi.Codecs#register}, by class name. Users
 * register through {@code Codecs}; only {@link ObjectEncoding} looks codecs up, here.
 * Thread-safe. Internal: not part of the API.
 */
public final class CodecRegistry {

    private static final Map<String, Codec<?>> BY_NAME = new ConcurrentHashMap<>();

    private CodecRegistry() {}

    /** Registers {@code codec} for the class named {@code className}; called by {@code Codecs}. */
    public static void put(String className, Codec<?> codec) {
        BY_NAME.put(className, codec);
    }

    /** Removes the codec for the class named {@code className}; called by {@code Codecs}. */
    public static void remove(String className) {
        BY_NAME.remove(className);
    }

    /** The codec registered for the class named {@code className}, or null. */
    static @Nullable Codec<?> lookup(String className) {
        return BY_NAME.get(className);
    }
}
