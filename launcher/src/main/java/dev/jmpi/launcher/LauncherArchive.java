package dev.jmpi.launcher;

import dev.jmpi.transport.config.ConfigSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * jmpirun's own class data archive (static AppCDS), which {@code bin/jmpirun} maps into the
 * launcher's JVM: the classes jmpirun loads before it forks a rank then come mapped and
 * verified instead of read from jars.
 *
 * <p>The script decides, with one {@code stat} and no JVM: it uses the archive while the
 * archive's stamp file still matches the size and modification time of the archive itself, of
 * {@code java} and of every launcher jar (HotSpot aborts on a truncated archive, and a rebuilt
 * jar makes it useless). Otherwise it starts the JVM with {@code -XX:DumpLoadedClassList=}
 * {@code <archive>.<pid>.classlist}, names the archive in {@link LaunchSettings#LAUNCHER_ARCHIVE}
 * and what the stamp must hold in {@link LaunchSettings#LAUNCHER_ARCHIVE_INPUTS}; after a job
 * that succeeded, {@link #keep} runs {@code java -Xshare:dump} on that list (same class path and
 * JVM options) into a private temporary file, moves it into place atomically, then writes the
 * stamp. A job that failed, {@code --help} or {@code --version} keep nothing: their classes are
 * not a job's.
 *
 * <p>Why static, not a dynamic archive of this JVM ({@code VM.cds dynamic_dump}): Java 17's
 * dynamic archives leave out classes of class-file version 49 and older, which picocli's 176
 * are, and the lambda forms this JVM spun; a static archive holds both (2,122 of 2,247 classes
 * mapped against 1,848 of 2,299), ~0.1 s less CPU per jmpirun (bench/results-startup.md).
 */
final class LauncherArchive {

    private LauncherArchive() {}

    /** After a successful job: makes the launcher's archive if bin/jmpirun asked for it. */
    static void keep(ConfigSource settings, Log log) {
        String archiveName = settings.getOrNull(LaunchSettings.LAUNCHER_ARCHIVE);
        String inputs = settings.getOrNull(LaunchSettings.LAUNCHER_ARCHIVE_INPUTS);
        if (archiveName == null || archiveName.isBlank() || inputs == null) {
            return;
        }
        Path archive = Path.of(archiveName).toAbsolutePath();
        Path classList = classListOf(archive, ProcessHandle.current().pid());
        Path tmp = archive.resolveSibling(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(archive.getParent());
            if (!Files.isRegularFile(classList) || Files.size(classList) == 0) {
                log.verbose(1, "jmpirun's class data archive not made (no class list at " + classList + ")");
                return;
            }
            // This JVM is still writing the list: take its complete lines only.
            Path lines = tmp.resolveSibling(tmp.getFileName() + ".classlist");
            Files.write(lines, StaticArchiveDump.completeLines(Files.readAllBytes(classList)));
            try {
                StaticArchiveDump.run(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        ManagementFactory.getRuntimeMXBean().getInputArguments(),
                        lines,
                        System.getProperty("java.class.path"),
                        tmp);
            } finally {
                deleteQuietly(lines);
            }
            if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                log.verbose(
                        1, "jmpirun's class data archive not made (java -Xshare:dump wrote nothing to " + tmp + ")");
                return;
            }
            move(tmp, archive);
            Path stampTmp = tmp.resolveSibling(tmp.getFileName() + ".stamp");
            Files.writeString(stampTmp, stamp(archive, inputs), StandardCharsets.UTF_8);
            move(stampTmp, stampOf(archive));
            log.verbose(1, "class data archive for jmpirun written to " + archive);
        } catch (IOException | RuntimeException e) {
            log.verbose(1, "jmpirun's class data archive not made: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(classList);
            deleteOrphanedClassLists(archive);
        }
    }

    /** Class lists of launcher JVMs that ended without a job ({@code --help}, a usage error). */
    private static void deleteOrphanedClassLists(Path archive) {
        String prefix = archive.getFileName() + ".";
        try (DirectoryStream<Path> lists = Files.newDirectoryStream(archive.getParent(), prefix + "*.classlist")) {
            for (Path list : lists) {
                String name = list.getFileName().toString();
                String pid = name.substring(prefix.length(), name.length() - ".classlist".length());
                if (pid.chars().allMatch(Character::isDigit)
                        && !pid.isEmpty()
                        && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    deleteQuietly(list);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Leftover lists only cost disk; the next successful job tries again.
        }
    }

    /** After a job that failed: drops the class list bin/jmpirun had this JVM write, if any. */
    static void discard(ConfigSource settings) {
        String archiveName = settings.getOrNull(LaunchSettings.LAUNCHER_ARCHIVE);
        if (archiveName != null && !archiveName.isBlank()) {
            deleteQuietly(classListOf(
                    Path.of(archiveName).toAbsolutePath(),
                    ProcessHandle.current().pid()));
        }
    }

    /** The class list bin/jmpirun has the launcher JVM of process {@code pid} write. */
    static Path classListOf(Path archive, long pid) {
        return archive.resolveSibling(archive.getFileName() + "." + pid + ".classlist");
    }

    /**
     * What the stamp file holds: the archive's line then bin/jmpirun's {@code inputs}, each line
     * as {@code stat -L -c '%s %Y %n'} prints it (size, modification time in seconds, name).
     */
    static String stamp(Path archive, String inputs) throws IOException {
        long seconds = Files.getLastModifiedTime(archive).toMillis() / 1000;
        return Files.size(archive) + " " + seconds + " " + archive + "\n" + inputs;
    }

    static Path stampOf(Path archive) {
        return archive.resolveSibling(archive.getFileName() + ".stamp");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // A stale temporary file only costs disk.
        }
    }
}
