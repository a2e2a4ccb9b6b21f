package dev.jmpi.launcher;

import dev.jmpi.transport.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Remembers which Java MPI facade an application got ({@link MpiApiDetector}'s verdict), per
 * main class and class path, so that a job launched again skips the scan: for a program that
 * never names {@code mpi.*} the scan reads every class its main class reaches (~45 ms of
 * jmpirun's ~0.2 s before forking for the bench's hello, half of the time between picocli
 * and the fork; bench/results-notes.md). Keyed like the class data archives: the main class
 * and every jar's path, size and modification time, so a rebuilt jar is scanned again; a class
 * path with a directory (classes that change without a jar changing) is never cached.
 *
 * <p>One small file per key in {@code <cache>/jmpi/api} beside the class data archives,
 * written atomically; at most {@value #MAX_ENTRIES}, the least recently used deleted first. A
 * cache that cannot be read or written is skipped: the scan is always the fallback.
 */
final class ApiVerdictCache {

    /** Most verdicts kept. */
    static final int MAX_ENTRIES = 64;

    private final Path dir;

    ApiVerdictCache(Path dir) {
        this.dir = dir;
    }

    /** The key for {@code mainClass} on {@code classPath}, or null if the class path has a directory. */
    static @Nullable String key(String mainClass, List<Path> classPath) {
        Sha256 sha = new Sha256();
        update(sha, "main=" + mainClass);
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                return null;
            }
            String state;
            try {
                state = Files.size(entry) + " "
                        + Files.getLastModifiedTime(entry).toMillis();
            } catch (IOException e) {
                state = "missing";
            }
            update(sha, "cp=" + entry.toAbsolutePath() + " " + state);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** The verdict kept for {@code key}, or null if none (or unreadable). */
    @Nullable
    MpiApi get(String key) {
        Path file = dir.resolve(key);
        try {
            MpiApi api = MpiApi.valueOf(
                    Files.readString(file, StandardCharsets.UTF_8).trim());
            Files.setLastModifiedTime(file, FileTime.from(Instant.now())); // used: evicted last
            return api == MpiApi.AUTO ? null : api;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Keeps {@code api} for {@code key}, then trims the cache to {@value #MAX_ENTRIES}. */
    void put(String key, MpiApi api) {
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, key, ".tmp");
            Files.writeString(tmp, api.name(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, dir.resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(key), StandardCopyOption.REPLACE_EXISTING);
            }
            evict();
        } catch (IOException e) {
            // The next job scans again; nothing else depends on the cache.
        }
    }

    private void evict() throws IOException {
        List<Path> kept = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            files.forEach(kept::add);
        }
        if (kept.size() <= MAX_ENTRIES) {
            return;
        }
        kept.sort(Comparator.comparing(ApiVerdictCache::lastModified));
        for (Path old : kept.subList(0, kept.size() - MAX_ENTRIES)) {
            Files.deleteIfExists(old);
        }
    }

    private static FileTime lastModified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0); // gone already: first in line
        }
    }

    private static void update(Sha256 sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }
}
