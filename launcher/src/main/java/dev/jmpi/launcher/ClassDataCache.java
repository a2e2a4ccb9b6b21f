package dev.jmpi.launcher;

import dev.jmpi.transport.Sha256;
import dev.jmpi.transport.config.ConfigSource;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * A per-user cache of static AppCDS archives for local ranks: a rank JVM that maps an archive
 * of the classes a jmpi rank loads starts ~0.8 s sooner at np=4 on two cores (class loading and
 * linking are most of {@code Jmpi.init}; see bench/RESULTS.md).
 *
 * <p>An archive is keyed by everything that would make it unusable: the java executable and
 * its version, the class path entries it holds (path, size, modification time), the JVM
 * options with jmpirun's defaults (whose heap share depends on the ranks per host, and with it
 * whether oops are compressed), and whether the job is one rank or a mesh: a single rank never loads the transport
 * (~1,500 classes), so an archive of its classes would leave a mesh's ranks loading those from
 * jars. It holds the classes found on the <em>jar prefix</em> of the ranks' class path: every
 * entry up to the first directory (classes outside jars cannot be archived, and HotSpot maps an
 * archive into any JVM whose class path starts with the one it was made for). jmpi's own jars
 * come first on a rank's class path, so an application run from {@code target/classes} still
 * gets jmpi, Netty and Protobuf mapped.
 *
 * <p>Without an archive, the job's highest local rank writes the classes it loads
 * ({@code -XX:DumpLoadedClassList}); only if the job succeeds does jmpirun make the archive from
 * that list ({@link StaticArchiveDump}, 1–2 s of CPU once), checksum it and move it into place
 * atomically, so concurrent jobs never see a half-written archive. Static, not a dynamic archive
 * of the rank ({@code -XX:ArchiveClassesAtExit}): Java 17 cannot dump a JVM with a non-empty
 * directory on its class path, and a static archive also holds the lambda forms a rank spins and
 * class files of version 49 and older. A truncated archive makes HotSpot abort, so an archive is
 * used only when its CRC32C matches the one recorded with it; a damaged one is deleted and made
 * again. A class path that starts with a directory and remote ranks get nothing.
 *
 * <p>{@code JMPI_CDS=off} or {@code --no-cds} turns it off; {@code JMPI_CDS_DIR} moves it
 * (default {@code $XDG_CACHE_HOME/jmpi/cds}, else {@code ~/.cache/jmpi/cds}); the cache is
 * kept under {@code JMPI_CDS_MAX_SIZE} (default 256m) by {@link ArchiveEviction}. See
 * {@link LaunchSettings}.
 */
final class ClassDataCache {

    /** Keeps HotSpot's CDS warnings (classes it cannot archive, mismatches) off the ranks' stderr. */
    static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    /** What the cache does for one job. */
    static final class Plan {
        private final Path archive;
        private final @Nullable Path pending;
        private final @Nullable Path classList;
        private final String java;
        private final String archivedClassPath;
        private final List<String> jvmOptions;
        private final long capBytes;
        private int listingRank = -1;

        private Plan(
                Path archive,
                @Nullable Path pending,
                @Nullable Path classList,
                String java,
                String archivedClassPath,
                List<String> jvmOptions,
                long capBytes) {
            this.archive = archive;
            this.pending = pending;
            this.classList = classList;
            this.java = java;
            this.archivedClassPath = archivedClassPath;
            this.jvmOptions = List.copyOf(jvmOptions);
            this.capBytes = capBytes;
        }

        /**
         * Makes {@code rank} the rank that lists its classes for a missing archive, instead of the
         * first one asked. Jobs choose their highest local rank: with connections made on first
         * message, rank 0 (the root of most collectives) is often only dialed and never dials, so
         * its classes leave out the dialing side (hello world at np=4: 38 classes from jars in
         * each of ranks 1–3 with rank 0's archive, 10 with rank 3's).
         */
        synchronized void makeBy(int rank) {
            if (pending != null) {
                listingRank = rank;
            }
        }

        /** Extra JVM options for local rank {@code rank}: use the archive, or (one rank) list the classes to make it from. */
        synchronized List<String> optionsFor(int rank) {
            if (pending == null) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", QUIET);
            }
            if (listingRank == -1) {
                listingRank = rank;
            }
            if (listingRank != rank) {
                return List.of();
            }
            return List.of("-XX:DumpLoadedClassList=" + classList, QUIET);
        }

        /** After the job: make the archive from the listed classes if the job succeeded. */
        void finish(boolean jobSucceeded, Log log) {
            if (pending == null || classList == null) {
                return;
            }
            try {
                // The listing rank has exited by now: a job that succeeded left a whole list.
                if (jobSucceeded && Files.isRegularFile(classList) && Files.size(classList) > 0) {
                    StaticArchiveDump.run(java, jvmOptions, classList, archivedClassPath, pending);
                    if (Files.isRegularFile(pending) && Files.size(pending) > 0) {
                        keep(log);
                    }
                }
            } catch (StaticArchiveDump.Refused e) {
                log.verbose(
                        1,
                        "class data archive not made: " + e.getMessage()
                                + "; not tried again for these jars and options");
                try {
                    Files.writeString(refusedMarker(archive), e.getMessage());
                } catch (IOException ignored) {
                    // Without the marker the next job tries again, which is only slower.
                }
            } catch (IOException e) {
                log.verbose(1, "class data archive not made: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                try {
                    Files.deleteIfExists(pending);
                    Files.deleteIfExists(classList);
                } catch (IOException ignored) {
                    // A stale temporary file only costs disk; the next job makes its own.
                }
            }
        }

        /** Checksums the made archive, moves it into place and evicts what the cache cannot hold. */
        private void keep(Log log) throws IOException {
            Path made = Objects.requireNonNull(pending);
            Path crcTmp = made.resolveSibling(made.getFileName() + ".crc");
            Files.writeString(crcTmp, crcOf(made));
            move(crcTmp, crcFile(archive));
            move(made, archive);
            log.verbose(1, "class data archive for the ranks written to " + archive);
            for (Path evicted : ArchiveEviction.evict(archive.getParent(), capBytes, archive)) {
                log.verbose(
                        1,
                        "class data archive " + evicted + " evicted (cache over " + (capBytes >> 20) + " MiB, "
                                + LaunchSettings.CDS_MAX_SIZE.env() + ")");
            }
        }

        Path archive() {
            return archive;
        }

        boolean creating() {
            return pending != null;
        }
    }

    private ClassDataCache() {}

    /**
     * The plan for a job whose local ranks run {@code java} with {@code classPath} and
     * {@code jvmOptions} (jmpirun's defaults included: the archive is made with them), with more
     * than one rank if {@code mesh}, or null when the cache is off or cannot help.
     */
    static @Nullable Plan plan(
            boolean enabled,
            boolean mesh,
            ConfigSource settings,
            String java,
            List<String> classPath,
            List<String> jvmOptions,
            Log log) {
        if (!enabled || !settings.get(LaunchSettings.CDS) || userTouchesCds(jvmOptions)) {
            return null;
        }
        try {
            List<String> jars = jarPrefix(classPath);
            if (jars.isEmpty()) {
                log.verbose(2, "no class data archive: the class path starts with a directory");
                return null;
            }
            String key = key(java, mesh, jars, jvmOptions);
            String archivedClassPath = String.join(File.pathSeparator, jars);
            Path dir = directory(settings);
            Files.createDirectories(dir);
            Path archive = dir.resolve("jmpi-" + key + ".jsa");
            if (Files.exists(refusedMarker(archive))) {
                log.verbose(2, "no class data archive: java -Xshare:dump refused these jars and options before");
                return null;
            }
            if (Files.isRegularFile(archive)) {
                if (intact(archive)) {
                    ArchiveEviction.markUsed(archive);
                    return new Plan(archive, null, null, java, archivedClassPath, jvmOptions, 0);
                }
                log.verbose(1, "class data archive " + archive + " is damaged; making it again");
                Files.deleteIfExists(archive);
            }
            Path pending = Files.createTempFile(dir, "jmpi-" + key + "-", ".jsa.tmp");
            Files.delete(pending);
            Path classList = pending.resolveSibling(pending.getFileName() + ".ranklist");
            return new Plan(
                    archive,
                    pending,
                    classList,
                    java,
                    archivedClassPath,
                    jvmOptions,
                    settings.get(LaunchSettings.CDS_MAX_SIZE));
        } catch (IOException e) {
            log.verbose(1, "no class data archive: " + e.getMessage());
            return null;
        }
    }

    /** The entries of {@code classPath} before its first directory (wildcards {@code dir/*} stand for jars). */
    static List<String> jarPrefix(List<String> classPath) {
        List<String> jars = new ArrayList<>();
        for (String entry : classPath) {
            if (!entry.endsWith("*") && Files.isDirectory(Path.of(entry))) {
                break;
            }
            jars.add(entry);
        }
        return jars;
    }

    private static boolean userTouchesCds(List<String> jvmOptions) {
        return jvmOptions.stream()
                .anyMatch(o -> o.startsWith("-Xshare")
                        || o.contains("SharedArchiveFile")
                        || o.contains("ArchiveClassesAtExit"));
    }

    static Path directory(ConfigSource settings) {
        String dir = settings.getOrNull(LaunchSettings.CDS_DIR);
        if (dir != null) {
            return Path.of(dir);
        }
        String xdg = settings.environment().get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jmpi").resolve("cds");
    }

    /** SHA-256 of what makes an archive of the classes of {@code classPath} (jars) valid. */
    static String key(String java, boolean mesh, List<String> classPath, List<String> jvmOptions) throws IOException {
        Sha256 sha = new Sha256();
        update(sha, "java=" + java + " " + System.getProperty("java.vm.version"));
        update(sha, mesh ? "world=mesh" : "world=single");
        update(sha, "archive=static");
        for (String entry : expand(classPath)) {
            Path p = Path.of(entry);
            update(
                    sha,
                    "cp=" + entry
                            + (Files.isRegularFile(p)
                                    ? " " + Files.size(p) + " "
                                            + Files.getLastModifiedTime(p).toMillis()
                                    : " missing"));
        }
        for (String o : jvmOptions) {
            update(sha, "opt=" + o);
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** Class path entries with {@code dir/*} wildcards expanded to the jars they stand for, in order. */
    private static List<String> expand(List<String> classPath) throws IOException {
        List<String> out = new ArrayList<>();
        for (String entry : classPath) {
            if (!entry.endsWith("*")) {
                out.add(entry);
                continue;
            }
            Path dir = Path.of(
                    entry.substring(0, entry.length() - 1).isEmpty() ? "." : entry.substring(0, entry.length() - 1));
            List<String> jars = new ArrayList<>();
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.{jar,JAR}")) {
                    s.forEach(p -> jars.add(p.toString()));
                }
            }
            jars.sort(String::compareTo);
            out.add("wildcard:" + entry);
            out.addAll(jars);
        }
        return out;
    }

    private static void update(Sha256 sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    /** Left when {@code java -Xshare:dump} refused to make {@code archive}, so no job tries again. */
    static Path refusedMarker(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".refused");
    }

    private static Path crcFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".crc");
    }

    /**
     * True if {@code archive} has the size recorded when it was made. HotSpot maps an archive's
     * regions at the offsets its header names, so a shorter file (a disk that filled up, a copy cut
     * short) would fault on first touch and kill the rank: that is what must be caught, and the size
     * catches it without reading the file. The record's CRC-32C (read by jmpirun versions before
     * this one, which share the cache) is not checked at each launch: reading a 15-25 MB archive to
     * checksum it took 15-20 ms before the first fork; same-size damage is the file system's to
     * prevent, as for the JDK's own archive, which HotSpot maps unchecked too.
     */
    static boolean intact(Path archive) {
        try {
            Path record = crcFile(archive);
            if (!Files.isRegularFile(record)) {
                return false;
            }
            String recorded = Files.readString(record).trim();
            int colon = recorded.indexOf(':');
            return colon > 0 && Long.parseLong(recorded.substring(0, colon)) == Files.size(archive);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    private static String crcOf(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                crc.update(buf, 0, n);
            }
        }
        return Files.size(file) + ":" + Long.toHexString(crc.getValue());
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
