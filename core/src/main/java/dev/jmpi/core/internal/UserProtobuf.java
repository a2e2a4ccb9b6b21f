package dev.jmpi.core.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The application's Protobuf messages, reached by reflection. jmpi's own Protobuf is relocated
 * inside jmpi-core's jar (docs/architecture.md, "Class path"), so a generated message of the
 * application (protobuf-java or protobuf-javalite, 3.x or 4.x, whichever it brings) does not
 * implement jmpi's copy of {@code MessageLite}: it is recognised by the name of the interface
 * every generated message implements, full or lite, and encoded with its own
 * {@code toByteArray()} and static {@code parseFrom(byte[])}.
 *
 * <p>Stateless apart from a per-class cache; any thread.
 */
final class UserProtobuf {

    /**
     * {@code com.google.protobuf.MessageLite} (which the full runtime's {@code Message} extends),
     * joined at run time: the shade plugin rewrites class-name constants, and this one must keep
     * naming the application's Protobuf.
     */
    static final String MESSAGE_INTERFACE = String.join(".", "com", "google", "protobuf", "MessageLite");

    private static final ClassValue<Boolean> IS_MESSAGE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return implementsMessage(type);
        }
    };

    private UserProtobuf() {}

    /** True if {@code type} is a generated Protobuf message class (any runtime, full or lite). */
    static boolean isMessage(Class<?> type) {
        return IS_MESSAGE.get(type);
    }

    /** The wire form of {@code message}, from its own {@code toByteArray()}. */
    static byte[] toByteArray(Object message) {
        try {
            return (byte[]) message.getClass().getMethod("toByteArray").invoke(message);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "cannot encode Protobuf message " + message.getClass().getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(
                    "cannot encode Protobuf message " + message.getClass().getName()
                            + " (expected: a public toByteArray())",
                    e);
        }
    }

    /** Parses {@code body} with {@code type}'s static {@code parseFrom(byte[])}. */
    static Object parse(Class<?> type, byte[] body) throws ReflectiveOperationException {
        Method parse = type.getMethod("parseFrom", byte[].class);
        return parse.invoke(null, (Object) body);
    }

    private static boolean implementsMessage(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(MESSAGE_INTERFACE) || implementsMessage(i)) {
                    return true;
                }
            }
        }
        return false;
    }
}
