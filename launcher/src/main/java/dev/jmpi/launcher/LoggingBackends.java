package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

/**
 * Keeps jmpi's logging backend off a rank's class path when the application brings its own.
 *
 * <p>jmpi logs through SLF4J and ships slf4j-simple so that a program with no backend still
 * shows jmpi's warnings. A program with its own SLF4J provider (logback, log4j-slf4j2,
 * slf4j-nop, ...) would otherwise get two providers, jmpi's first on the class path, and
 * SLF4J would pick jmpi's with a "multiple SLF4J providers" warning from every rank. So when
 * the application's class path holds a provider (an SLF4J 2 service entry or an SLF4J 1
 * {@code StaticLoggerBinder}), the runtime entries that hold one are dropped; the launcher's
 * own JVM keeps its backend.
 */
final class LoggingBackends {

    /** The SLF4J 2 provider service file. */
    static final String PROVIDER_SERVICE = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";

    /** The class an SLF4J 1.x binding provides. */
    static final String LEGACY_BINDER = "org/slf4j/impl/StaticLoggerBinder.class";

    private LoggingBackends() {
    }

    /** {@code runtime} without its SLF4J providers if {@code userClassPath} holds one, else unchanged. */
    static List<String> forApplication(List<String> runtime, List<Path> userClassPath) {
        if (userClassPath.stream().noneMatch(LoggingBackends::holdsProvider)) {
            return runtime;
        }
        List<String> kept = new ArrayList<>(runtime.size());
        for (String entry : runtime) {
            if (!holdsProvider(Path.of(entry))) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** True if the jar or directory {@code entry} holds an SLF4J provider. */
    static boolean holdsProvider(Path entry) {
        if (Files.isDirectory(entry)) {
            return Files.isRegularFile(entry.resolve(PROVIDER_SERVICE)) || Files.isRegularFile(entry.resolve(LEGACY_BINDER));
        }
        if (!Files.isRegularFile(entry)) {
            return false;
        }
        try (ZipFile zip = new ZipFile(entry.toFile())) {
            return zip.getEntry(PROVIDER_SERVICE) != null || zip.getEntry(LEGACY_BINDER) != null;
        } catch (IOException e) {
            return false; // not a jar: it holds no provider the JVM could load either
        }
    }
}
