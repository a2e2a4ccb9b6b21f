package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarLookupsTest {

    @TempDir
    Path tmp;

    @Test
    void everyAskedEntryIsAnsweredFromOneReadingOfTheJar() throws IOException {
        Path jar = TestJars.jar(tmp, "both.jar", LoggingBackends.API_CLASS, RuntimeClasspath.MPIJAVA_FACADE_CLASS);
        assertTrue(JarLookups.holds(jar, LoggingBackends.API_CLASS));
        assertTrue(JarLookups.holds(jar, RuntimeClasspath.MPIJAVA_FACADE_CLASS));
        assertFalse(JarLookups.holds(jar, RuntimeClasspath.OPEN_MPI_FACADE_CLASS));
        assertFalse(JarLookups.holds(jar, LoggingBackends.PROVIDER_SERVICE));
        assertFalse(JarLookups.holds(jar, LoggingBackends.LEGACY_BINDER));
    }

    @Test
    void aRebuiltJarIsReadAgain() throws IOException {
        Path jar = TestJars.jar(tmp, "app.jar", "com/example/Main.class");
        assertFalse(JarLookups.holds(jar, LoggingBackends.PROVIDER_SERVICE));
        TestJars.jar(tmp, "app.jar", "com/example/Main.class", LoggingBackends.PROVIDER_SERVICE);
        // Same second on a coarse clock: the size tells the rebuilt jar apart anyway, and so does a later time.
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2000));
        assertTrue(JarLookups.holds(jar, LoggingBackends.PROVIDER_SERVICE));
    }

    @Test
    void aMissingFileADirectoryOrAFileThatIsNoZipHoldsNothing() throws IOException {
        assertFalse(JarLookups.holds(tmp.resolve("missing.jar"), LoggingBackends.API_CLASS));
        assertFalse(JarLookups.holds(Files.createDirectories(tmp.resolve("classes")), LoggingBackends.API_CLASS));
        Path text = Files.writeString(tmp.resolve("notes.jar"), "not a zip file");
        assertFalse(JarLookups.holds(text, LoggingBackends.API_CLASS));
    }

    @Test
    void anEntryThatIsNotLookedUpIsRefusedNamingTheOnesThatAre() throws IOException {
        Path jar = TestJars.jar(tmp, "app.jar", "com/example/Main.class");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JarLookups.holds(jar, "com/example/Main.class"));
        assertTrue(e.getMessage().contains("com/example/Main.class"), e.getMessage());
        assertTrue(e.getMessage().contains(LoggingBackends.API_CLASS), e.getMessage());
    }
}
