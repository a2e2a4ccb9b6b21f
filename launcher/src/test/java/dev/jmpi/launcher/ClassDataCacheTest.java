package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.config.ConfigSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataCacheTest {

    @TempDir
    Path tmp;

    private final Log log =
            new Log(new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), 0);

    private ConfigSource env() {
        return ConfigSource.of(Map.of("JMPI_CDS_DIR", tmp.resolve("cds").toString()), Map.of());
    }

    @Test
    void theKeyChangesWhenAJarAnOptionOrTheWorldsShapeChanges() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "one");
        String k1 = ClassDataCache.key("java", true, List.of(jar.toString()), List.of());
        assertEquals(k1, ClassDataCache.key("java", true, List.of(jar.toString()), List.of()));
        assertNotEquals(k1, ClassDataCache.key("java", true, List.of(jar.toString()), List.of("-Xmx1g")));
        assertNotEquals(k1, ClassDataCache.key("java", false, List.of(jar.toString()), List.of()));
        Files.writeString(jar, "three");
        assertNotEquals(k1, ClassDataCache.key("java", true, List.of(jar.toString()), List.of()));
        String k2 = ClassDataCache.key("java", true, List.of(jar.toString()), List.of());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
        assertNotEquals(k2, ClassDataCache.key("java", true, List.of(jar.toString()), List.of()));
    }

    @Test
    void aClassPathWithADirectoryGetsNoArchive() throws Exception {
        Files.createDirectories(tmp.resolve("classes"));
        assertNull(
                ClassDataCache.key("java", true, List.of(tmp.resolve("classes").toString()), List.of()));
        assertNull(ClassDataCache.plan(
                true, true, env(), "java", List.of(tmp.resolve("classes").toString()), List.of(), log));
    }

    @Test
    void withoutAnArchiveExactlyOneRankMakesItAndOnlyASuccessfulJobKeepsIt() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "one");
        ClassDataCache.Plan plan =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        assertTrue(plan.creating());
        assertTrue(plan.optionsFor(2).get(0).startsWith("-XX:ArchiveClassesAtExit="));
        assertEquals(List.of(), plan.optionsFor(0));
        assertEquals(List.of(), plan.optionsFor(3));
        Path pending = Path.of(plan.optionsFor(2).get(0).substring("-XX:ArchiveClassesAtExit=".length()));

        Files.writeString(pending, "archive bytes");
        plan.finish(false, log);
        assertFalse(Files.exists(pending));
        assertFalse(Files.exists(plan.archive()), "a failed job's archive was kept");

        ClassDataCache.Plan again =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        Path pending2 = Path.of(again.optionsFor(0).get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(pending2, "archive bytes");
        again.finish(true, log);
        assertTrue(ClassDataCache.intact(again.archive()));

        ClassDataCache.Plan use =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        assertFalse(use.creating());
        assertEquals(
                List.of("-XX:SharedArchiveFile=" + use.archive(), "-Xshare:auto", ClassDataCache.QUIET),
                use.optionsFor(1));
    }

    @Test
    void theRankTheJobChoosesMakesTheArchiveWhicheverRankStartsFirst() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "one");
        ClassDataCache.Plan plan =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        plan.makeBy(3);
        assertEquals(List.of(), plan.optionsFor(0));
        assertEquals(List.of(), plan.optionsFor(1));
        assertTrue(plan.optionsFor(3).get(0).startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void aDamagedArchiveIsMadeAgainInsteadOfUsed() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "one");
        ClassDataCache.Plan plan =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        Path pending = Path.of(plan.optionsFor(0).get(0).substring("-XX:ArchiveClassesAtExit=".length()));
        Files.writeString(pending, "archive bytes");
        plan.finish(true, log);
        Files.writeString(plan.archive(), "archive byte");
        ClassDataCache.Plan next =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        assertTrue(next.creating());
        assertFalse(Files.exists(plan.archive()));
    }

    @Test
    void switchedOffByTheEnvironmentTheFlagOrTheUsersOwnSharingOptions() throws Exception {
        Path jar = Files.writeString(tmp.resolve("a.jar"), "one");
        List<String> cp = List.of(jar.toString());
        assertNull(ClassDataCache.plan(false, true, env(), "java", cp, List.of(), log));
        assertNull(ClassDataCache.plan(
                true, true, ConfigSource.of(Map.of("JMPI_CDS", "off"), Map.of()), "java", cp, List.of(), log));
        assertNull(ClassDataCache.plan(true, true, env(), "java", cp, List.of("-Xshare:off"), log));
    }
}
