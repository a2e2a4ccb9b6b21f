package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the class data archive cache under a size cap by deleting the least recently used
 * archives. Every rebuilt application jar makes a new archive (~21 MB each), so without a cap
 * the cache grows for ever. "Used" is the archive's modification time, which the cache sets
 * each time a job maps it ({@link #markUsed}); HotSpot validates an archive by its
 * header and the class path's jars, not by the archive's own time, so touching it is safe.
 *
 * <p>{@code jmpi.cds.maxSize} / {@code JMPI_CDS_MAX_SIZE} ({@link LaunchSettings#CDS_MAX_SIZE}; formerly
 * {@code JMPI_CDS_MAX_MB}) sets the cap (default {@value #DEFAULT_MAX_MB} MiB); {@code 0} keeps
 * no archive beyond the one just made. Temporary dumps left by killed jobs are removed once
 * they are a day old.
 */
final class ArchiveEviction {

    /** Default cap of the cache, in MiB. */
    static final long DEFAULT_MAX_MB = 256;

    private static final Duration STALE_TEMPORARY = Duration.ofDays(1);

    private ArchiveEviction() {}

    /** Records that a job is about to map {@code archive}, so that it is evicted last. */
    static void markUsed(Path archive) {
        try {
            Files.setLastModifiedTime(archive, FileTime.from(Instant.now()));
        } catch (IOException ignored) {
            // Recency is a hint: at worst this archive is evicted a little earlier.
        }
    }

    /**
     * Deletes the least recently used archives in {@code dir} (each with its checksum file)
     * until the archives total at most {@code capBytes}; {@code keep} is never deleted.
     *
     * @return the archives deleted, oldest first
     */
    static List<Path> evict(Path dir, long capBytes, Path keep) throws IOException {
        List<Path> archives = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "jmpi-*")) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (name.endsWith(".jsa")) {
                    archives.add(p);
                } else if (name.contains(".jsa.tmp") && isStale(p)) {
                    // A dump or a rank's class list (.jsa.tmp.ranklist) of a job that was killed.
                    Files.deleteIfExists(p);
                }
            }
        }
        archives.sort(Comparator.comparing(ArchiveEviction::lastUsed));
        long total = 0;
        for (Path p : archives) {
            total += sizeOf(p);
        }
        List<Path> deleted = new ArrayList<>();
        for (Path p : archives) {
            if (total <= capBytes) {
                break;
            }
            if (p.equals(keep)) {
                continue;
            }
            long size = sizeOf(p);
            Files.deleteIfExists(p);
            Files.deleteIfExists(p.resolveSibling(p.getFileName() + ".crc"));
            total -= size;
            deleted.add(p);
        }
        return deleted;
    }

    private static boolean isStale(Path temporary) {
        return lastUsed(temporary).toInstant().isBefore(Instant.now().minus(STALE_TEMPORARY));
    }

    private static FileTime lastUsed(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }
}
