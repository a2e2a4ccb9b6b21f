package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jmpirun (launcher jar and its lib/) run as a process, twice and more over one
 * cache directory: the first job makes the archive, the next ones map it, a damaged archive is
 * replaced instead of crashing the ranks, JMPI_CDS=off turns it off, and an application run
 * from a directory of classes still gets jmpi's own classes mapped.
 */
@Timeout(300)
class ClassDataCacheIT {

    private static final String MAPPED = "dev.jmpi.launcher.apps.PrintEnv source: shared objects file";
    private static final String JMPI_MAPPED = "dev.jmpi.core.internal.Bootstrap source: shared objects file";

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {}

    private Path appJar() throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.list(classes.resolve("dev/jmpi/launcher/apps"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("PrintEnv"))
                    .toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    /** A directory holding the test app {@code WhoAmI} (a barrier in a world of two). */
    private Path appClasses() throws IOException {
        return appClasses("WhoAmI");
    }

    /** A directory holding the test app whose class name starts with {@code app}. */
    private Path appClasses(String app) throws IOException {
        Path classes = Path.of("target", "test-classes");
        Path dir = Files.createDirectories(tmp.resolve("classes/dev/jmpi/launcher/apps"));
        try (Stream<Path> files = Files.list(classes.resolve("dev/jmpi/launcher/apps"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith(app))
                    .toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return tmp.resolve("classes");
    }

    private Run jmpirun(Path jar, Map<String, String> env) throws Exception {
        return jmpirun(jar, env, "dev.jmpi.launcher.apps.PrintEnv");
    }

    private Run jmpirun(Path jar, Map<String, String> env, String mainClass, String... jvmOptions) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                JavaCommand.localJava(),
                "-cp",
                Path.of("target").toAbsolutePath().resolve("jmpi-launcher-0.1.0-SNAPSHOT.jar") + ":"
                        + Path.of("target", "lib").toAbsolutePath() + "/*",
                JmpiRun.class.getName(),
                "-n",
                "2",
                "--jvm-opt=-Xlog:class+load=info"));
        for (String o : jvmOptions) {
            cmd.add("--jvm-opt=" + o);
        }
        cmd.addAll(List.of("-cp", jar.toString(), mainClass));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put(LaunchSettings.CDS_DIR.env(), tmp.resolve("cds").toString());
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("out.txt").toFile())
                .redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(new byte[0]);
        }
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "jmpirun did not finish");
        return new Run(
                p.exitValue(),
                Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private List<Path> archives() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("cds"))) {
            return s.filter(p -> p.toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void theFirstJobMakesTheArchiveTheNextMapsItAndADamagedOneIsReplaced() throws Exception {
        Path jar = appJar();
        Run first = jmpirun(jar, Map.of());
        assertEquals(0, first.exit(), first.err());
        assertFalse(first.out().contains(MAPPED), "nothing to map on the first run");
        List<Path> made = archives();
        assertEquals(1, made.size(), "one archive: " + made);
        Path archive = made.get(0);
        assertTrue(ClassDataCache.intact(archive), "its checksum was recorded");

        Run second = jmpirun(jar, Map.of());
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains(MAPPED), "the ranks loaded the app class from the archive");
        assertFalse(second.err().contains("[cds]"), "CDS warnings reached the user: " + second.err());

        try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.WRITE)) {
            ch.truncate(100_000);
        }
        Run damaged = jmpirun(jar, Map.of());
        assertEquals(0, damaged.exit(), "a truncated archive must not crash the ranks: " + damaged.err());
        assertTrue(ClassDataCache.intact(archive), "the damaged archive was made again");

        Run off = jmpirun(jar, Map.of(LaunchSettings.CDS.env(), "off"));
        assertEquals(0, off.exit(), off.err());
        assertFalse(off.out().contains(MAPPED), "JMPI_CDS=off still mapped the archive");
    }

    @Test
    void anApplicationInADirectoryGetsJmpisOwnClassesMapped() throws Exception {
        Path classes = appClasses();
        String whoAmI = "dev.jmpi.launcher.apps.WhoAmI";
        Run first = jmpirun(classes, Map.of(), whoAmI);
        assertEquals(0, first.exit(), first.err());
        assertEquals(1, archives().size(), "one archive of the jars before the directory");

        Run second = jmpirun(classes, Map.of(), whoAmI);
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.out().contains("rank 1 of 2"), second.out());
        assertTrue(second.out().contains(JMPI_MAPPED), "jmpi's classes were not mapped: " + second.out());
        assertTrue(
                second.out().contains(whoAmI + " source: file:"),
                "the application's class comes from its directory: " + second.out());
        assertFalse(second.err().contains("[cds]"), "CDS warnings reached the user: " + second.err());
    }

    @Test
    void theRanksMapNettysLibraryFromTheCacheInsteadOfATemporaryCopy() throws Exception {
        Path classes = appClasses("NettyLibraryMapping");
        String app = "dev.jmpi.launcher.apps.NettyLibraryMapping";
        Path cached = tmp.resolve("cds").resolve("native").toAbsolutePath();

        Run run = jmpirun(classes, Map.of(), app);
        assertEquals(0, run.exit(), run.err());
        for (int rank = 0; rank < 2; rank++) {
            assertTrue(
                    run.out().contains("rank " + rank + " epoll library: " + cached),
                    "rank " + rank + " did not map the cached library: " + run.out());
        }

        // A path of the user's own is left alone: Netty copies its library out of the jar again.
        Run own = jmpirun(classes, Map.of(), app, "-Djava.library.path=" + tmp.resolve("nothing-here"));
        assertEquals(0, own.exit(), own.err());
        assertTrue(own.out().contains("rank 1 epoll library: /"), own.out());
        assertFalse(own.out().contains(cached.toString()), "the user's java.library.path was replaced: " + own.out());
    }
}
