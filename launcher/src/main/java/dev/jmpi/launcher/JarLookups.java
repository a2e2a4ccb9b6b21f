package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipFile;

/**
 * Which of the entries the launcher asks about a jar holds, read from one opening of the jar.
 *
 * <p>Before the first fork the launcher asks each jar of the rank class path whether it holds
 * an SLF4J provider (two names), slf4j-api, or a facade's {@code mpi} classes. Opening a jar
 * reads its whole central directory (jmpi-core's ~2,800 entries, ~3 ms in the launcher's
 * barely compiled JVM), and each question used to open the jar again: up to four times per jar
 * per launch. Here every asked name is looked up at the first opening, and the answers are kept
 * for the jar as long as its size and modification time stay the same.
 */
final class JarLookups {

    /** The entries the launcher looks for; a name outside this list is a programming error. */
    static final List<String> ASKED = List.of(
            LoggingBackends.PROVIDER_SERVICE,
            LoggingBackends.LEGACY_BINDER,
            LoggingBackends.API_CLASS,
            RuntimeClasspath.OPEN_MPI_FACADE_CLASS,
            RuntimeClasspath.MPIJAVA_FACADE_CLASS);

    /** The asked names each jar holds, by absolute path, size and modification time. */
    private static final Map<String, Set<String>> HELD = new ConcurrentHashMap<>();

    private JarLookups() {}

    /**
     * Whether the regular file {@code jar} is a zip file holding entry {@code name}, one of
     * {@link #ASKED}; false for a file that is missing, unreadable or not a zip file (it holds
     * nothing the JVM could load either).
     */
    static boolean holds(Path jar, String name) {
        if (!ASKED.contains(name)) {
            throw new IllegalArgumentException("entry " + name + " is not one of the looked-up entries " + ASKED);
        }
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(jar, BasicFileAttributes.class);
        } catch (IOException e) {
            return false;
        }
        if (!attributes.isRegularFile()) {
            return false;
        }
        String key = jar.toAbsolutePath() + "@" + attributes.size() + "@"
                + attributes.lastModifiedTime().toMillis();
        return HELD.computeIfAbsent(key, k -> read(jar)).contains(name);
    }

    private static Set<String> read(Path jar) {
        Set<String> held = new HashSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (String name : ASKED) {
                if (zip.getEntry(name) != null) {
                    held.add(name);
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return Set.copyOf(held);
    }
}
