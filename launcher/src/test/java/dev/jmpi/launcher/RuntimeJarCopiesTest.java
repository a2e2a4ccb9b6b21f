package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeJarCopiesTest {

    @TempDir
    Path tmp;

    private Path file(String path, int bytes) throws IOException {
        Path file = tmp.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
        return file;
    }

    @Test
    void theApplicationsCopyOfTheRuntimeJarLeavesTheRankClassPath() throws IOException {
        Path ours = file("launcher/lib/jmpi-core-1.0.jar", 100);
        Path theirs = file("app/lib/jmpi-core-1.0.jar", 100);
        Path app = file("app/app.jar", 10);
        assertEquals(
                List.of(ours.toString(), app.toString()),
                RuntimeClasspath.rankClassPath(
                        List.of(ours.toString()), List.of(theirs.toString(), app.toString()), tmp));
    }

    @Test
    void aWildcardHoldingACopyBecomesItsOtherJarsAndStaysRelative() throws IOException {
        Path ours = file("launcher/lib/jmpi-core-1.0.jar", 100);
        file("app/lib/jmpi-core-1.0.jar", 100);
        file("app/lib/picocli.jar", 20);
        file("app/lib/HdrHistogram.JAR", 30);
        file("app/lib/notes.txt", 5);
        String dir = "app" + File.separator + "lib" + File.separator;
        List<String> cp = RuntimeJarCopies.without(List.of("app.jar", dir + "*"), List.of(ours.toString()), tmp);
        assertEquals("app.jar", cp.get(0));
        assertEquals(
                new HashSet<>(List.of(dir + "picocli.jar", dir + "HdrHistogram.JAR")),
                new HashSet<>(cp.subList(1, cp.size())));
        assertEquals(3, cp.size());
    }

    @Test
    void aJarOfTheSameNameButAnotherSizeAndWildcardsWithoutACopyAreKept() throws IOException {
        Path ours = file("launcher/lib/jmpi-core-1.0.jar", 100);
        Path patched = file("app/lib/jmpi-core-1.0.jar", 101);
        file("other/lib/picocli.jar", 20);
        String wildcard = tmp.resolve("other/lib").toString() + File.separator + "*";
        List<String> user = List.of(patched.toString(), wildcard, "missing.jar");
        assertEquals(user, RuntimeJarCopies.without(user, List.of(ours.toString()), tmp));
    }
}
