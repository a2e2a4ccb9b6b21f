package dev.jmpi.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Takes the application's copies of jmpi's own runtime jars off a rank's class path. An
 * application built against jmpi usually ships {@code jmpi-core-<version>.jar} in its
 * {@code lib/}, and the rank already has the launcher's copy ahead of it
 * ({@link RuntimeClasspath#rankClassPath}), so the second copy never supplies a class. It
 * still costs every rank at start-up: the JVM reads its central directory (~4,000 entries),
 * and the relocated Netty finds its epoll library twice and SHA-256s both copies to warn about
 * the duplicate (~210 KB hashed in the interpreter, then a C2 compile of the digest loop:
 * 100-150 ms of compiler time per rank, measured with {@code -XX:+LogCompilation}).
 *
 * <p>A copy is a jar with the same file name and size as a runtime jar. A wildcard entry
 * ({@code dir/*}) whose directory holds a copy is replaced by that directory's other jars.
 */
final class RuntimeJarCopies {

    private RuntimeJarCopies() {}

    /**
     * {@code user} without copies of the {@code runtime} jars; relative entries are resolved
     * against {@code base} (the ranks' working directory) and stay relative.
     */
    static List<String> without(List<String> user, List<String> runtime, Path base) {
        Map<String, Long> sizes = sizesByName(runtime);
        if (sizes.isEmpty()) {
            return user;
        }
        List<String> kept = new ArrayList<>(user.size());
        for (String entry : user) {
            if (entry.equals("*") || entry.endsWith(File.separator + "*")) {
                kept.addAll(wildcard(entry, base, sizes));
            } else if (!isCopy(base.resolve(entry), sizes)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** The wildcard itself, or its directory's jars less the copies when it holds a copy. */
    private static List<String> wildcard(String entry, Path base, Map<String, Long> sizes) {
        String prefix = entry.substring(0, entry.length() - 1);
        List<Path> jars = jarsIn(base.resolve(prefix.isEmpty() ? "." : prefix));
        List<String> others = new ArrayList<>(jars.size());
        boolean copy = false;
        for (Path jar : jars) {
            if (isCopy(jar, sizes)) {
                copy = true;
            } else {
                others.add(prefix + jar.getFileName());
            }
        }
        return copy ? others : List.of(entry);
    }

    private static boolean isCopy(Path jar, Map<String, Long> sizes) {
        Path name = jar.getFileName();
        Long size = name == null ? null : sizes.get(name.toString());
        try {
            return size != null && Files.isRegularFile(jar) && Files.size(jar) == size;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, Long> sizesByName(List<String> runtime) {
        Map<String, Long> sizes = new HashMap<>();
        for (String entry : runtime) {
            Path jar = Path.of(entry);
            Path name = jar.getFileName();
            try {
                if (name != null && name.toString().endsWith(".jar") && Files.isRegularFile(jar)) {
                    sizes.put(name.toString(), Files.size(jar));
                }
            } catch (IOException e) {
                // Unreadable: nothing to compare a copy with.
            }
        }
        return sizes;
    }

    /** The jars the JVM's own expansion of {@code dir/*} would list ({@code .jar} and {@code .JAR}). */
    private static List<Path> jarsIn(Path dir) {
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return jars;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
            stream.forEach(jars::add);
        } catch (IOException e) {
            return new ArrayList<>();
        }
        return jars;
    }
}
