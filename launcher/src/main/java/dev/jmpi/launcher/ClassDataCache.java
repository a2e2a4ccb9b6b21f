package dev.jmpi.launcher;

import dev.jmpi.transport.config.ConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A per-user cache of AppCDS archives for local ranks: a rank JVM that maps an archive of
 * the classes a jmpi rank loads starts ~0.8 s sooner at np=4 on two cores (class loading and
 * linking are most of {@code Jmpi.init}; see bench/RESULTS.md).
 *
 * <p>An archive is keyed by everything that would make it unusable: the java executable and
 * its version, every class path entry (path, size, modification time), the JVM options, and
 * whether the job is one rank or a mesh: a single rank never loads the transport (~1,500
 * classes), so an archive it dumped would leave a mesh's ranks loading those from jars (hello
 * world np=2: 65 MiB peak RSS per rank against 62 MiB with a mesh-made archive).
 * Without an archive, one local rank dumps one at exit ({@code -XX:ArchiveClassesAtExit}) into
 * a private temporary file; only if the job succeeds is it checksummed and moved into place
 * atomically, so concurrent jobs never see a half-written archive. A truncated archive makes
 * HotSpot abort, so an archive is used only when its CRC32C matches the one recorded with it;
 * a damaged one is deleted and made again. Class paths with directories (classes outside jars
 * cannot be archived) and remote ranks get nothing.
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
        private final Path pending;
        private final long capBytes;
        private int dumpingRank = -1;

        private Plan(Path archive, Path pending, long capBytes) {
            this.archive = archive;
            this.pending = pending;
            this.capBytes = capBytes;
        }

        /**
         * Makes {@code rank} the rank that makes a missing archive, instead of the first one asked.
         * Jobs choose their highest local rank: with connections made on first message, rank 0 (the
         * root of most collectives) is often only dialed and never dials, so an archive it made
         * leaves the other ranks loading the dialing side's classes from jars (hello world at np=4:
         * 38 classes from jars in each of ranks 1–3 with rank 0's archive, 10 with rank 3's).
         */
        synchronized void makeBy(int rank) {
            if (pending != null) {
                dumpingRank = rank;
            }
        }

        /** Extra JVM options for local rank {@code rank}: use the archive, or (one rank) make it. */
        synchronized List<String> optionsFor(int rank) {
            if (pending == null) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", QUIET);
            }
            if (dumpingRank == -1) {
                dumpingRank = rank;
            }
            return dumpingRank == rank ? List.of("-XX:ArchiveClassesAtExit=" + pending, QUIET) : List.of();
        }

        /** After the job: keep a freshly made archive if the job succeeded, else drop it. */
        void finish(boolean jobSucceeded, Log log) {
            if (pending == null) {
                return;
            }
            try {
                if (jobSucceeded && Files.size(pending) > 0) {
                    Path crcTmp = pending.resolveSibling(pending.getFileName() + ".crc");
                    Files.writeString(crcTmp, crcOf(pending));
                    move(crcTmp, crcFile(archive));
                    move(pending, archive);
                    log.verbose(1, "class data archive for the ranks written to " + archive);
                    for (Path evicted : ArchiveEviction.evict(archive.getParent(), capBytes, archive)) {
                        log.verbose(
                                1,
                                "class data archive " + evicted + " evicted (cache over " + (capBytes >> 20) + " MiB, "
                                        + LaunchSettings.CDS_MAX_SIZE.env() + ")");
                    }
                }
            } catch (IOException e) {
                log.verbose(1, "class data archive not kept: " + e.getMessage());
            } finally {
                try {
                    Files.deleteIfExists(pending);
                } catch (IOException ignored) {
                    // A stale temporary file only costs disk; the next job makes its own.
                }
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
     * {@code jvmOptions}, with more than one rank if {@code mesh}, or null when the cache is off
     * or cannot help.
     */
    static Plan plan(
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
            String key = key(java, mesh, classPath, jvmOptions);
            if (key == null) {
                log.verbose(2, "no class data archive: the class path has directories");
                return null;
            }
            Path dir = directory(settings);
            Files.createDirectories(dir);
            Path archive = dir.resolve("jmpi-" + key + ".jsa");
            if (Files.isRegularFile(archive)) {
                if (intact(archive)) {
                    ArchiveEviction.markUsed(archive);
                    return new Plan(archive, null, 0);
                }
                log.verbose(1, "class data archive " + archive + " is damaged; making it again");
                Files.deleteIfExists(archive);
            }
            Path pending = Files.createTempFile(dir, "jmpi-" + key + "-", ".jsa.tmp");
            Files.delete(pending);
            return new Plan(archive, pending, settings.get(LaunchSettings.CDS_MAX_SIZE));
        } catch (IOException e) {
            log.verbose(1, "no class data archive: " + e.getMessage());
            return null;
        }
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

    /** SHA-256 of what makes an archive valid, or null if a class path entry is a directory. */
    static String key(String java, boolean mesh, List<String> classPath, List<String> jvmOptions) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        update(sha, "java=" + java + " " + System.getProperty("java.vm.version"));
        update(sha, mesh ? "world=mesh" : "world=single");
        for (String entry : expand(classPath)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p)) {
                return null;
            }
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

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static Path crcFile(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".crc");
    }

    static boolean intact(Path archive) {
        try {
            Path crc = crcFile(archive);
            return Files.isRegularFile(crc) && Files.readString(crc).trim().equals(crcOf(archive));
        } catch (IOException e) {
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
