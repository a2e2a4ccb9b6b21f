package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jmpirun's class data archive for jmpirun's own JVM ({@link LauncherArchive}): the first
 * successful job makes it, the next maps it, a damaged one is not mapped (HotSpot would abort)
 * but made again, a failed job makes none, and JMPI_CDS=off leaves it alone.
 */
@Timeout(300)
class LauncherArchiveIT {

    private static final Path SCRIPT =
            Path.of("..", "bin", "jmpirun").toAbsolutePath().normalize();
    /** What -Xlog:class+load prints when jmpirun's main class comes from the archive. */
    private static final String MAPPED = "dev.jmpi.launcher.JmpiRun source: shared objects file";
    /** ... and when picocli's (class files of version 49, which only a static archive holds) does. */
    private static final String PICOCLI_MAPPED = "picocli.CommandLine source: shared objects file";

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Run jmpirun(Map<String, String> env, String... program) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                SCRIPT.toString(),
                "-n",
                "1",
                "-cp",
                Path.of("target", "test-classes").toAbsolutePath().toString()));
        cmd.addAll(List.of(program));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(LaunchSettings.CDS.env());
        pb.environment().put(LaunchSettings.CDS_DIR.env(), tmp.resolve("cds").toString());
        pb.environment().put("JMPIRUN_JAVA_OPTS", "-Xlog:class+load=info");
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "jmpirun did not finish");
        return new Run(
                p.exitValue(),
                Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        Path dir = tmp.resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("jmpirun-[0-9a-f]{8}\\.jsa"))
                    .toList();
        }
    }

    @Test
    void theFirstJobMakesTheArchiveTheNextMapsItAndADamagedOneIsMadeAgain() throws Exception {
        Run first = jmpirun(Map.of(), Jmpirun.APPS + "PrintEnv");
        assertEquals(0, first.exit(), first.err());
        assertFalse(first.out().contains(MAPPED), "nothing to map on the first run");
        List<Path> made = archives();
        assertEquals(1, made.size(), "one archive for jmpirun: " + made);
        Path archive = made.get(0);
        assertTrue(Files.isRegularFile(LauncherArchive.stampOf(archive)), "its stamp was written");
        assertEquals(List.of(), classLists(), "the class list it was made from is left behind");

        Run second = jmpirun(Map.of(), Jmpirun.APPS + "PrintEnv");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains(MAPPED), "jmpirun's classes came from its archive:\n" + head(second.out()));
        assertTrue(second.out().contains(PICOCLI_MAPPED), "picocli's classes came from the archive too");
        assertFalse(second.err().contains("[cds]"), "CDS warnings reached the user: " + second.err());

        long made1 = Files.size(archive);
        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.truncate(100_000);
        }
        Run damaged = jmpirun(Map.of(), Jmpirun.APPS + "PrintEnv");
        assertEquals(0, damaged.exit(), "a truncated archive must not be mapped: " + damaged.err());
        assertFalse(damaged.out().contains(MAPPED), "the truncated archive was mapped");
        assertNotEquals(100_000L, Files.size(archive), "the damaged archive was made again");
        assertTrue(Files.size(archive) > made1 / 2, "the archive was made again in full");

        Run off = jmpirun(Map.of(LaunchSettings.CDS.env(), "off"), Jmpirun.APPS + "PrintEnv");
        assertEquals(0, off.exit(), off.err());
        assertFalse(off.out().contains(MAPPED), "JMPI_CDS=off still mapped jmpirun's archive");
    }

    @Test
    void aFailedJobMakesNoArchive() throws Exception {
        Run failed = jmpirun(Map.of(), Jmpirun.APPS + "ExitWith", "0", "3");
        assertNotEquals(0, failed.exit(), failed.err());
        assertEquals(List.of(), archives(), "a failed job's classes were archived");
        assertEquals(List.of(), classLists(), "a failed job left its class list behind");
    }

    private List<Path> classLists() throws IOException {
        Path dir = tmp.resolve("cds");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".classlist"))
                    .toList();
        }
    }

    private static String head(String s) {
        return s.length() <= 2_000 ? s : s.substring(0, 2_000) + "...";
    }
}
