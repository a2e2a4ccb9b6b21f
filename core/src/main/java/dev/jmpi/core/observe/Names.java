package dev.jmpi.core.observe;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.jspecify.annotations.Nullable;

/**
 * Operation and algorithm names as small ints, so that a recorded call stores and compares
 * ints and the names are looked up only when observations are written. A call is recorded
 * under a key: a dense int for its (operation, algorithm) pair. Names and keys are assigned
 * once per process on first use (under a lock) and never change; looking one up is a
 * lock-free read. Callers on hot paths look their keys up once and keep them.
 */
public final class Names {

    /** Most operation names (there are about 80). */
    static final int MAX_OPERATIONS = 512;
    /** Most algorithm names (there are about 10). */
    static final int MAX_ALGORITHMS = 64;
    /** The algorithm id of "no algorithm" (point-to-point calls). */
    public static final int NO_ALGORITHM = 0;

    private static final ConcurrentHashMap<String, Integer> OPERATIONS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Integer> ALGORITHMS = new ConcurrentHashMap<>();
    private static volatile String[] operationNames = new String[0];
    private static volatile String[] algorithmNames = {""};
    /** {@code op * MAX_ALGORITHMS + algorithm} to key + 1 (0: not assigned yet). */
    private static final AtomicIntegerArray KEYS = new AtomicIntegerArray(MAX_OPERATIONS * MAX_ALGORITHMS);
    /** Key to {@code op * MAX_ALGORITHMS + algorithm}. */
    private static volatile int[] pairs = new int[0];

    static {
        ALGORITHMS.put("", NO_ALGORITHM);
    }

    private Names() {}

    /** The key of {@code operation} run with {@code algorithm} ("" or null for none). */
    public static int key(String operation, @Nullable String algorithm) {
        return key(operation(operation), algorithm == null ? NO_ALGORITHM : algorithm(algorithm));
    }

    /** The key of an operation id run with an algorithm id. */
    static int key(int operation, int algorithm) {
        int pair = operation * MAX_ALGORITHMS + algorithm;
        int k = KEYS.get(pair);
        return k != 0 ? k - 1 : assignKey(pair);
    }

    private static synchronized int assignKey(int pair) {
        int k = KEYS.get(pair);
        if (k != 0) {
            return k - 1;
        }
        int[] p = Arrays.copyOf(pairs, pairs.length + 1);
        p[p.length - 1] = pair;
        pairs = p;
        KEYS.set(pair, p.length);
        return p.length - 1;
    }

    /** The operation name of {@code key}. */
    static String operationOf(int key) {
        return operationNames[pairs[key] / MAX_ALGORITHMS];
    }

    /** The algorithm name of {@code key} ("" for none). */
    static String algorithmOf(int key) {
        return algorithmNames[pairs[key] % MAX_ALGORITHMS];
    }

    /** How many keys exist now. */
    static int keys() {
        return pairs.length;
    }

    static int operation(String name) {
        Integer id = OPERATIONS.get(name);
        return id != null ? id : assign(name, true);
    }

    static int algorithm(String name) {
        Integer id = ALGORITHMS.get(name);
        return id != null ? id : assign(name, false);
    }

    private static synchronized int assign(String name, boolean operation) {
        ConcurrentHashMap<String, Integer> ids = operation ? OPERATIONS : ALGORITHMS;
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        String[] names = operation ? operationNames : algorithmNames;
        int max = operation ? MAX_OPERATIONS : MAX_ALGORITHMS;
        if (names.length == max) {
            throw new IllegalStateException((operation ? "operation" : "algorithm") + " name '" + name
                    + "' past the limit of " + max + " names (expected: a fixed set of names)");
        }
        String[] grown = Arrays.copyOf(names, names.length + 1);
        grown[names.length] = name;
        if (operation) {
            operationNames = grown;
        } else {
            algorithmNames = grown;
        }
        ids.put(name, names.length);
        return names.length;
    }
}
