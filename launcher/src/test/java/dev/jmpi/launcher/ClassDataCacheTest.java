package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jmpi.transport.config.ConfigSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
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

    /** A jar the JVM can open (an empty one with a manifest). */
    private Path jar(String name) throws Exception {
        Path jar = tmp.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            out.flush();
        }
        return jar;
    }

    private static final String LIST_OPTION = "-XX:DumpLoadedClassList=";

    /** Writes the class list a rank would have written for {@code plan}, as the rank told to list. */
    private static void listClasses(ClassDataCache.Plan plan, int rank) throws Exception {
        String option = plan.optionsFor(rank).get(0);
        Files.writeString(Path.of(option.substring(LIST_OPTION.length())), "java/lang/Object\njava/lang/String\n");
    }

    @Test
    void withoutAnArchiveExactlyOneRankListsItsClassesAndOnlyASuccessfulJobMakesTheArchive() throws Exception {
        Path jar = jar("a.jar");
        ClassDataCache.Plan plan = ClassDataCache.plan(
                true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), List.of(), log);
        assertTrue(plan.creating());
        assertTrue(plan.optionsFor(2).get(0).startsWith(LIST_OPTION));
        assertEquals(List.of(), plan.optionsFor(0));
        assertEquals(List.of(), plan.optionsFor(3));
        listClasses(plan, 2);
        plan.finish(false, log);
        assertFalse(Files.exists(plan.archive()), "a failed job's archive was made");

        ClassDataCache.Plan again = ClassDataCache.plan(
                true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), List.of(), log);
        listClasses(again, 0);
        again.finish(true, log);
        assertTrue(ClassDataCache.intact(again.archive()), "no archive made by java -Xshare:dump");
        try (var left = Files.list(again.archive().getParent())) {
            assertEquals(
                    List.of(
                            again.archive().getFileName().toString(),
                            again.archive().getFileName() + ".crc"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "class lists or temporary files were left behind");
        }

        ClassDataCache.Plan use = ClassDataCache.plan(
                true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), List.of(), log);
        assertFalse(use.creating());
        assertEquals(
                List.of("-XX:SharedArchiveFile=" + use.archive(), "-Xshare:auto", ClassDataCache.QUIET),
                use.optionsFor(1));
    }

    @Test
    void theRankTheJobChoosesListsTheClassesWhicheverRankStartsFirst() throws Exception {
        Path jar = jar("a.jar");
        ClassDataCache.Plan plan =
                ClassDataCache.plan(true, true, env(), "java", List.of(jar.toString()), List.of(), log);
        plan.makeBy(3);
        assertEquals(List.of(), plan.optionsFor(0));
        assertEquals(List.of(), plan.optionsFor(1));
        assertTrue(plan.optionsFor(3).get(0).startsWith(LIST_OPTION));
    }

    @Test
    void onlyTheJarsBeforeTheFirstDirectoryAreArchivedAndADirectoryFirstGetsNothing() throws Exception {
        Path jmpi = jar("jmpi.jar");
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        Path api = jar("api.jar");
        assertEquals(
                List.of(jmpi.toString(), tmp + "/lib/*"),
                ClassDataCache.jarPrefix(List.of(jmpi.toString(), tmp + "/lib/*", classes.toString(), api.toString())));
        ClassDataCache.Plan withDirectory = ClassDataCache.plan(
                true,
                true,
                env(),
                "java",
                List.of(jmpi.toString(), classes.toString(), api.toString()),
                List.of(),
                log);
        ClassDataCache.Plan jarsOnly =
                ClassDataCache.plan(true, true, env(), "java", List.of(jmpi.toString()), List.of(), log);
        assertEquals(jarsOnly.archive(), withDirectory.archive(), "the directory and what follows it are not archived");
        assertNull(ClassDataCache.plan(
                true, true, env(), "java", List.of(classes.toString(), jmpi.toString()), List.of(), log));
    }

    @Test
    void optionsTheDumpRefusesAreNotTriedAgainForTheSameJars() throws Exception {
        Path jar = jar("a.jar");
        List<String> refused = List.of("-XX:+NoSuchOption");
        ClassDataCache.Plan plan =
                ClassDataCache.plan(true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), refused, log);
        listClasses(plan, 0);
        plan.finish(true, log);
        assertFalse(Files.exists(plan.archive()));
        assertTrue(Files.exists(ClassDataCache.refusedMarker(plan.archive())));
        assertNull(
                ClassDataCache.plan(true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), refused, log));
        assertTrue(
                ClassDataCache.plan(true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), List.of(), log)
                        .creating(),
                "other options are still tried");
    }

    @Test
    void aDamagedArchiveIsMadeAgainInsteadOfUsed() throws Exception {
        Path jar = jar("a.jar");
        ClassDataCache.Plan plan = ClassDataCache.plan(
                true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), List.of(), log);
        listClasses(plan, 0);
        plan.finish(true, log);
        assertTrue(ClassDataCache.intact(plan.archive()));
        try (FileChannel ch = FileChannel.open(plan.archive(), StandardOpenOption.WRITE)) {
            ch.truncate(4096);
        }
        ClassDataCache.Plan next = ClassDataCache.plan(
                true, true, env(), JavaCommand.localJava(), List.of(jar.toString()), List.of(), log);
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
