package dev.jmpi.core.internal;

import dev.jmpi.InvalidArgumentException;
import dev.jmpi.JmpiException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;

/**
 * The shape of one record class, found once by reflection and cached per class: its
 * components' accessors and types, and its canonical constructor. Immutable, so any thread
 * may use it.
 */
final class RecordShape {

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private static final java.util.Map<Class<?>, Class<?>> WRAPPERS = java.util.Map.of(
            boolean.class,
            Boolean.class,
            byte.class,
            Byte.class,
            short.class,
            Short.class,
            char.class,
            Character.class,
            int.class,
            Integer.class,
            long.class,
            Long.class,
            float.class,
            Float.class,
            double.class,
            Double.class);

    private final Class<?> type;
    private final String[] names;
    private final Class<?>[] types;
    private final Method[] accessors;
    private final Constructor<?> canonical;

    private RecordShape(Class<?> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        names = new String[components.length];
        types = new Class<?>[components.length];
        accessors = new Method[components.length];
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            types[i] = components[i].getType();
            accessors[i] = components[i].getAccessor();
        }
        try {
            canonical = type.getDeclaredConstructor(types);
        } catch (NoSuchMethodException e) {
            throw new InvalidArgumentException("record " + type.getName() + " has no canonical constructor: " + e);
        }
        // Records in a named module that does not open them stay inaccessible; their use then fails
        // naming the fix (component / construct).
        canonical.trySetAccessible();
        for (Method m : accessors) {
            m.trySetAccessible();
        }
    }

    /** The cached shape of {@code type}, which must be a record class. */
    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    int size() {
        return names.length;
    }

    /** The value of component {@code i} of {@code record}. */
    Object component(Object record, int i) {
        try {
            return accessors[i].invoke(record);
        } catch (IllegalAccessException e) {
            throw new InvalidArgumentException("record " + type.getName() + "." + names[i] + "() is not accessible: "
                    + e + " (expected: its package open to jmpi, or a Codec registered via Codecs.register)");
        } catch (InvocationTargetException e) {
            throw new InvalidArgumentException(
                    "record " + type.getName() + "." + names[i] + "() threw " + e.getCause());
        }
    }

    /** Builds a record from decoded component values through its canonical constructor. */
    Object construct(Object[] values) {
        for (int i = 0; i < values.length; i++) {
            values[i] = toComponent(values[i], types[i], type.getName() + "." + names[i]);
        }
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new JmpiException(
                    "received record " + type.getName() + " was refused by its constructor: " + e.getCause(),
                    e.getCause(),
                    true);
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new JmpiException("cannot construct received record " + type.getName() + ": " + e, e, true);
        }
    }

    /**
     * Checks a decoded value against the component's declared type. Sorted maps and sets arrive
     * as insertion-ordered ones and are re-sorted here; anything else must already fit.
     */
    private static Object toComponent(Object value, Class<?> declared, String component) {
        if (declared.isPrimitive()) {
            if (value == null || WRAPPERS.get(declared) != value.getClass()) {
                throw new JmpiException(
                        "received record component " + component + " = " + describe(value) + " (expected: a " + declared
                                + ")",
                        true);
            }
            return value;
        }
        if (value == null || declared.isInstance(value)) {
            return value;
        }
        if (value instanceof java.util.Map<?, ?> m && declared.isAssignableFrom(java.util.TreeMap.class)) {
            return new java.util.TreeMap<>(m);
        }
        if (value instanceof java.util.Set<?> s && declared.isAssignableFrom(java.util.TreeSet.class)) {
            return new java.util.TreeSet<>(s);
        }
        throw new JmpiException(
                "received record component " + component + " = " + describe(value) + " (expected: a "
                        + declared.getName() + ")",
                true);
    }

    private static String describe(Object value) {
        return value == null ? "null" : "a " + value.getClass().getName();
    }
}
