package dev.jmpi.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * SLF4J on a rank's class path: the application's backend or none, and the application's API first.
 *
 * <p>jmpi logs through slf4j-api. The launcher's own JVM has a backend (slf4j-simple), but a
 * rank gets none of jmpi's: a program with its own provider (logback, log4j-slf4j2,
 * slf4j-nop, ...) gets exactly that one, with no "multiple SLF4J providers" warning, and
 * a program with none gets SLF4J's no-operation logger, without SLF4J's three-line notice
 * about it on every rank ({@link #QUIET_WITHOUT_PROVIDER}; a {@code --jvm-opt} wins). jmpi's
 * slf4j-api goes after the application's class path ({@link RuntimeClasspath#rankClassPath}),
 * so an application's slf4j-api of another version (an SLF4J 1.7 binding with its 1.7 API,
 * say) is the one loaded; jmpi calls only what both have.
 */
final class LoggingBackends {

    /** The SLF4J 2 provider service file. */
    static final String PROVIDER_SERVICE = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    /** The class an SLF4J 1.x binding provides. */
    static final String LEGACY_BINDER = "org/slf4j/impl/StaticLoggerBinder.class";

    /** A class of slf4j-api. */
    static final String API_CLASS = "org/slf4j/LoggerFactory.class";

    /** JVM option for a rank with no SLF4J provider: SLF4J keeps its notices below ERROR to itself. */
    static final String QUIET_WITHOUT_PROVIDER = "-Dslf4j.internal.verbosity=ERROR";

    private LoggingBackends() {}

    /** {@code runtime} without the entries that hold an SLF4J provider (the launcher's backend). */
    static List<String> withoutProviders(List<String> runtime) {
        List<String> kept = new ArrayList<>(runtime.size());
        for (String entry : runtime) {
            if (!holdsProvider(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** True if some entry of {@code classPath} holds an SLF4J provider. */
    static boolean anyProvider(List<Path> classPath) {
        return classPath.stream().anyMatch(LoggingBackends::holdsProvider);
    }

    /** True if the jar or directory {@code entry} holds an SLF4J provider. */
    static boolean holdsProvider(Path entry) {
        return holds(entry, PROVIDER_SERVICE) || holds(entry, LEGACY_BINDER);
    }

    /** True if the jar or directory {@code entry} holds slf4j-api. */
    static boolean holdsApi(Path entry) {
        return holds(entry, API_CLASS);
    }

    private static boolean holds(Path entry, String name) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(name));
        }
        return JarLookups.holds(entry, name);
    }
}
