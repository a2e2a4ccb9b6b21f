package dev.jmpi.launcher;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one thread rank ({@code --threads}): it defines the program's classes
 * and jmpi core's (and the mpiJava layer's) itself, so each rank has its own static fields
 * (core's {@code Bootstrap} keeps the world in one), while the shared layer comes from the
 * parent, once for the whole JVM: the in-JVM fabric and the rest of jmpi's transport, the
 * wire schema, jmpi's relocated Netty and Protobuf ({@code dev.jmpi.internal.shaded}), SLF4J
 * and the JDK.
 *
 * <p>Child-first for everything but the shared packages: a class found on this loader's
 * own path is defined here even if the parent could load it too (the launcher's class path
 * holds core as well). Shared packages always come from the parent, even when the
 * program's class path holds a copy (a fat jar), because the ranks must meet in one fabric.
 */
final class RankClassLoader extends URLClassLoader {

    /** Packages loaded once for every rank. */
    private static final String[] SHARED = {
        "java.",
        "javax.",
        "jdk.",
        "sun.",
        "com.sun.",
        "dev.jmpi.transport.",
        "dev.jmpi.proto.",
        "dev.jmpi.internal.shaded.",
        "org.slf4j.",
    };

    static {
        registerAsParallelCapable();
    }

    private final int rank;

    RankClassLoader(int rank, URL[] path, ClassLoader parent) {
        super("jmpi-rank-" + rank, path, parent);
        this.rank = rank;
    }

    /** The rank whose classes this loader defines. */
    int rank() {
        return rank;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (shared(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                try {
                    c = findClass(name);
                } catch (ClassNotFoundException notOurs) {
                    c = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    static boolean shared(String className) {
        for (String prefix : SHARED) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
