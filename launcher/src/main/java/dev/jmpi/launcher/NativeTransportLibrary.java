package dev.jmpi.launcher;

import dev.jmpi.transport.Sha256;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jspecify.annotations.Nullable;

/**
 * Netty's epoll library, extracted once into jmpirun's cache and put on local ranks'
 * {@code java.library.path}. Netty loads it from there when it can and otherwise copies it out
 * of the jar into a fresh temporary file in every JVM (read, inflate, write, patch the shaded
 * library's id, {@code dlopen}, delete): ~30–40 ms per rank, and at np=4 on two cores hello
 * world's whole command took ~0.13 s longer with the copies (8 alternated pairs,
 * bench/results-startup.md).
 *
 * <p>The copy's directory is named after the library's CRC-32 and size as its jar entry records
 * them (read from the jar's directory, so a launch that finds the copy inflates and hashes nothing;
 * reading and hashing it took a few ms before each first fork), or after the SHA-256 of its bytes
 * when it is not in a jar. So a rank maps another build's library only if the two agree in size
 * and CRC-32, and a rebuilt jar with the same library shares the copy. It is written to a
 * temporary file and moved into place,
 * so concurrent jobs never see half a library. The rank's path is the cached directory followed
 * by jmpirun's own {@code java.library.path}, which is what the rank's JVM would have had: local
 * ranks run jmpirun's {@code java} with jmpirun's environment. Left as it was (Netty extracts as
 * before) when the user sets {@code java.library.path} with {@code --jvm-opt}, when the ranks get
 * another {@code LD_LIBRARY_PATH} (the JVM puts it in the default path), off Linux, on a
 * processor Netty ships no library for, and when the start-up cache is off ({@code --no-cds}).
 *
 * <p>The library's name is Netty's with jmpi's relocation prefix, as the core jar's shade plugin
 * renames it ({@code jmpi.shadedPrefix} in core/pom.xml); Netty's native code finds its relocated
 * classes from that file name, so the copy keeps it.
 */
final class NativeTransportLibrary {

    /** {@code dev.jmpi.internal.shaded} with dots as underscores, as Netty prefixes a relocated library. */
    static final String SHADED_PREFIX = "dev_jmpi_internal_shaded_";

    private NativeTransportLibrary() {}

    /**
     * The {@code -Djava.library.path} option for local ranks that run with
     * {@code userJvmOptions} and {@code rankEnvironment} (what jmpirun sets on top of its own
     * environment, whose {@code LD_LIBRARY_PATH} is {@code ownLdLibraryPath}), or null to leave
     * the path alone.
     */
    static @Nullable String rankOption(
            boolean cacheEnabled,
            Path cacheDir,
            List<String> userJvmOptions,
            Map<String, String> rankEnvironment,
            @Nullable String ownLdLibraryPath,
            Log log) {
        if (!cacheEnabled
                || userJvmOptions.stream().anyMatch(o -> o.startsWith("-Djava.library.path="))
                || !Objects.equals(
                        rankEnvironment.getOrDefault("LD_LIBRARY_PATH", ownLdLibraryPath), ownLdLibraryPath)) {
            return null;
        }
        String name = libraryFileName(System.getProperty("os.name"), System.getProperty("os.arch"));
        if (name == null) {
            return null;
        }
        try {
            Path dir = extracted(cacheDir, name);
            if (dir == null) {
                log.verbose(2, "no cached native transport library: " + name + " is not on jmpirun's class path");
                return null;
            }
            String own = System.getProperty("java.library.path", "");
            return "-Djava.library.path=" + (own.isEmpty() ? dir.toString() : dir + File.pathSeparator + own);
        } catch (IOException e) {
            log.verbose(1, "no cached native transport library: " + e.getMessage());
            return null;
        }
    }

    /**
     * The file name of jmpi's relocated Netty epoll library for {@code osName} and
     * {@code osArch}, or null where Netty ships none (Netty's own architecture names).
     */
    static @Nullable String libraryFileName(String osName, String osArch) {
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return null;
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch_64";
            case "riscv64" -> "riscv64";
            default -> null;
        };
        return arch == null ? null : "lib" + SHADED_PREFIX + "netty_transport_native_epoll_" + arch + ".so";
    }

    /**
     * The cache directory holding {@code fileName} as jmpirun's class path has it, extracted
     * now if it is missing, or null if the class path has no such library.
     */
    static @Nullable Path extracted(Path cacheDir, String fileName) throws IOException {
        URL url = NativeTransportLibrary.class.getClassLoader().getResource("META-INF/native/" + fileName);
        if (url == null) {
            return null;
        }
        URLConnection source = url.openConnection();
        source.setUseCaches(false); // the jar opened here is closed here
        if (source instanceof JarURLConnection jar) {
            try (JarFile file = jar.getJarFile()) {
                JarEntry entry = jar.getJarEntry();
                if (entry.getCrc() != -1) {
                    Path dir = cacheDir.resolve("native")
                            .resolve("crc32-" + HexFormat.of().toHexDigits((int) entry.getCrc()) + "-"
                                    + entry.getSize());
                    if (!Files.isRegularFile(dir.resolve(fileName))) {
                        try (InputStream in = file.getInputStream(entry)) {
                            place(dir, fileName, in.readAllBytes());
                        }
                    }
                    return dir;
                }
            }
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        }
        Path dir = cacheDir.resolve("native").resolve(HexFormat.of().formatHex(Sha256.of(bytes), 0, 16));
        if (!Files.isRegularFile(dir.resolve(fileName))) {
            place(dir, fileName, bytes);
        }
        return dir;
    }

    /** Writes {@code bytes} as {@code dir/fileName}: to a temporary file first, moved into place whole. */
    private static void place(Path dir, String fileName, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, fileName, ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(
                        tmp,
                        dir.resolve(fileName),
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
