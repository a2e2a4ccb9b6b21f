package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.config.ConfigSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveEvictionTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final Log log = new Log(new Console(new PrintWriter(new StringWriter()), new PrintWriter(err)), 1);

    private Path archive(String name, int mib, long minutesAgo) throws Exception {
        Path p = Files.write(dir.resolve("jmpi-" + name + ".jsa"), new byte[mib << 20]);
        Files.writeString(dir.resolve("jmpi-" + name + ".jsa.crc"), "crc");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofMinutes(minutesAgo))));
        return p;
    }

    @Test
    void theLeastRecentlyUsedArchivesGoFirstUntilTheCacheFitsTheCap() throws Exception {
        Path oldest = archive("a", 3, 30);
        Path middle = archive("b", 3, 20);
        Path newest = archive("c", 3, 10);

        List<Path> deleted = ArchiveEviction.evict(dir, 6L << 20, newest);

        assertEquals(List.of(oldest), deleted);
        assertFalse(Files.exists(oldest));
        assertFalse(Files.exists(dir.resolve("jmpi-a.jsa.crc")), "the checksum file stays behind its archive");
        assertTrue(Files.exists(middle));
        assertTrue(Files.exists(newest));
    }

    @Test
    void anArchiveAJobMapsCountsAsRecentlyUsed() throws Exception {
        Path used = archive("a", 3, 30);
        Path unused = archive("b", 3, 20);
        Path fresh = archive("c", 3, 0);

        ArchiveEviction.markUsed(used);
        ArchiveEviction.evict(dir, 6L << 20, fresh);

        assertTrue(Files.exists(used));
        assertFalse(Files.exists(unused));
    }

    @Test
    void theArchiveJustMadeIsKeptEvenWhenItAloneExceedsTheCap() throws Exception {
        Path older = archive("a", 2, 30);
        Path fresh = archive("b", 4, 0);

        ArchiveEviction.evict(dir, 1L << 20, fresh);

        assertFalse(Files.exists(older));
        assertTrue(Files.exists(fresh));
    }

    @Test
    void temporaryDumpsAndClassListsOfKilledJobsAreRemovedOnceADayOld() throws Exception {
        Path stale = Files.writeString(dir.resolve("jmpi-k-123.jsa.tmp"), "x");
        Path staleList = Files.writeString(dir.resolve("jmpi-k-124.jsa.tmp.ranklist"), "x");
        for (Path p : List.of(stale, staleList)) {
            Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        }
        Path running = Files.writeString(dir.resolve("jmpi-k-456.jsa.tmp"), "x");
        Path listing = Files.writeString(dir.resolve("jmpi-k-457.jsa.tmp.ranklist"), "x");

        ArchiveEviction.evict(dir, 1L << 30, null);

        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleList));
        assertTrue(Files.exists(running), "another job may still be writing a recent dump");
        assertTrue(Files.exists(listing), "a rank of another job may still be listing its classes");
    }

    @Test
    void theCapComesFromTheSettingsUnderTheOldNameInMibAndABadValueIsNamed() {
        assertEquals(ArchiveEviction.DEFAULT_MAX_MB << 20, cap(Map.of()));
        assertEquals(64L << 20, cap(Map.of("JMPI_CDS_MAX_MB", "64")));
        assertEquals(1L << 30, cap(Map.of("JMPI_CDS_MAX_SIZE", "1g", "JMPI_CDS_MAX_MB", "64")));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> cap(Map.of("JMPI_CDS_MAX_MB", "lots")));
        assertTrue(
                e.getMessage().startsWith("jmpi.cds.maxSize=lots from environment variable JMPI_CDS_MAX_MB"),
                e.getMessage());
    }

    private static long cap(Map<String, String> env) {
        return ConfigSource.of(env, Map.of()).get(LaunchSettings.CDS_MAX_SIZE);
    }

    @Test
    void aJobThatMakesAnArchiveEvictsOldOnesBeyondTheCap() throws Exception {
        Path old = archive("old", 2, 60);
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
        ConfigSource env = ConfigSource.of(Map.of("JMPI_CDS_DIR", dir.toString(), "JMPI_CDS_MAX_SIZE", "1m"), Map.of());
        ClassDataCache.Plan plan =
                ClassDataCache.plan(true, true, env, JavaCommand.localJava(), List.of(jar.toString()), List.of(), log);
        String listOption = plan.optionsFor(0).get(0);
        Files.writeString(Path.of(listOption.substring("-XX:DumpLoadedClassList=".length())), "java/lang/Object\n");

        plan.finish(true, log);

        assertTrue(ClassDataCache.intact(plan.archive()));
        assertFalse(Files.exists(old), "the cache kept an archive beyond JMPI_CDS_MAX_MB");
    }
}
