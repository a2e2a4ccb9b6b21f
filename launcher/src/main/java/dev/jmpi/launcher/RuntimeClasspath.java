package dev.jmpi.launcher;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * jmpi's own runtime (core, transport, proto, mpijava and their dependencies), put first on
 * every rank's class path so that {@code -cp} names only the user's code.
 *
 * <p>It is the launcher's own {@code java.class.path} (set by {@code bin/jmpirun} to
 * {@code launcher/target/jmpi-launcher-*.jar:launcher/target/lib/*}, which the JVM expands),
 * less what only the launcher needs: its own jar and picocli. Jmpi's runtime comes first
 * so a rank always speaks the launcher's rendezvous protocol, whatever the user's jars hold.
 * The system property {@value #OVERRIDE_PROP_NAME} replaces it entirely.
 */
final class RuntimeClasspath {

    /** System property holding an explicit runtime class path. */
    static final String OVERRIDE_PROP_NAME = "jmpi.runtime.classpath";

    private RuntimeClasspath() {
    }

    /** Absolute class path entries every rank gets. */
    static List<String> entries() {
        String override = System.getProperty(OVERRIDE_PROP_NAME);
        if (override != null) {
            return absolute(ClassPaths.split(override));
        }
        Path self = location(JmpiRun.class);
        Path picocli = location(CommandLine.class);
        List<String> entries = new ArrayList<>();
        for (String entry : absolute(ClassPaths.split(System.getProperty("java.class.path")))) {
            Path path = Path.of(entry);
            if (!path.equals(self) && !path.equals(picocli)) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static List<String> absolute(List<String> entries) {
        List<String> result = new ArrayList<>(entries.size());
        for (String entry : entries) {
            result.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        return result;
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
