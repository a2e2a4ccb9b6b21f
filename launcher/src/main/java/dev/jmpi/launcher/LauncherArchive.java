package dev.jmpi.launcher;

import dev.jmpi.transport.config.ConfigSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * jmpirun's own class data archive (dynamic AppCDS), which {@code bin/jmpirun} maps into the
 * launcher's JVM: the classes jmpirun loads before it forks a rank then come mapped and
 * verified instead of read from jars.
 *
 * <p>The script decides, with one {@code stat} and no JVM: it uses the archive while the
 * archive's stamp file still matches the size and modification time of the archive itself, of
 * {@code java} and of every launcher jar (HotSpot aborts on a truncated archive, and a rebuilt
 * jar makes it useless). Otherwise it starts the JVM with {@code -XX:+RecordDynamicDumpInfo},
 * names the archive in {@link LaunchSettings#LAUNCHER_ARCHIVE} and what the stamp must hold in
 * {@link LaunchSettings#LAUNCHER_ARCHIVE_INPUTS}; after a job that succeeded, {@link #keep}
 * has this JVM dump the classes it loaded ({@code VM.cds dynamic_dump}) into a private
 * temporary file, moves it into place atomically, then writes the stamp. A job that failed,
 * {@code --help} or {@code --version} keep nothing: their classes are not a job's.
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
        Path tmp = archive.resolveSibling(
                archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.createDirectories(archive.getParent());
            dump(tmp);
            if (!Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                log.verbose(1, "jmpirun's class data archive not made (the JVM wrote nothing to " + tmp + ")");
                return;
            }
            move(tmp, archive);
            Path stampTmp = tmp.resolveSibling(tmp.getFileName() + ".stamp");
            Files.writeString(stampTmp, stamp(archive, inputs), StandardCharsets.UTF_8);
            move(stampTmp, stampOf(archive));
            log.verbose(1, "class data archive for jmpirun written to " + archive);
        } catch (IOException | JMException | RuntimeException e) {
            log.verbose(1, "jmpirun's class data archive not made: " + e);
        } finally {
            deleteQuietly(tmp);
        }
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

    /** This JVM dumps the classes it has loaded to {@code file} ({@code jcmd <pid> VM.cds dynamic_dump file}). */
    private static void dump(Path file) throws JMException {
        // The JDK prints "Dynamic dump to file ..." on System.out: not a line of the job's output.
        PrintStream out = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8));
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "vmCds",
                            new Object[] {new String[] {"dynamic_dump", file.toString()}},
                            new String[] {String[].class.getName()});
        } finally {
            System.setOut(out);
        }
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
