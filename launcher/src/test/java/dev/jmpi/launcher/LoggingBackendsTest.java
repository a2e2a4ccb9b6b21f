package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingBackendsTest {

    @TempDir
    Path tmp;

    @Test
    void ranksNeverGetTheLaunchersProviderAndTheApplicationsApiComesFirst() throws IOException {
        Path ours = TestJars.jar(tmp, "slf4j-simple.jar", LoggingBackends.PROVIDER_SERVICE);
        Path api = TestJars.jar(tmp, "slf4j-api.jar", LoggingBackends.API_CLASS);
        Path core = TestJars.jar(tmp, "jmpi-core.jar", "dev/jmpi/Jmpi.class");
        Path theirs = TestJars.jar(tmp, "logback-classic.jar", LoggingBackends.PROVIDER_SERVICE);
        Path theirApi = TestJars.jar(tmp, "slf4j-api-1.7.jar", LoggingBackends.API_CLASS);
        List<String> runtime =
                LoggingBackends.withoutProviders(List.of(core.toString(), api.toString(), ours.toString()));
        assertEquals(List.of(core.toString(), api.toString()), runtime);
        assertEquals(
                List.of(core.toString(), theirs.toString(), theirApi.toString(), api.toString()),
                RuntimeClasspath.rankClassPath(runtime, List.of(theirs.toString(), theirApi.toString())));
        assertTrue(LoggingBackends.anyProvider(List.of(core, theirs)));
        assertFalse(LoggingBackends.anyProvider(List.of(core, api)));
    }

    @Test
    void slf4jOneBindingsAndDirectoriesCount() throws IOException {
        assertTrue(LoggingBackends.holdsProvider(TestJars.jar(tmp, "old-binding.jar", LoggingBackends.LEGACY_BINDER)));
        Path dir = Files.createDirectories(tmp.resolve("classes/META-INF/services"));
        Files.writeString(dir.resolve("org.slf4j.spi.SLF4JServiceProvider"), "com.example.Provider\n");
        assertTrue(LoggingBackends.holdsProvider(tmp.resolve("classes")));
        assertFalse(LoggingBackends.holdsProvider(tmp.resolve("missing.jar")));
        assertFalse(LoggingBackends.holdsProvider(TestJars.jar(tmp, "app.jar", "com/example/Main.class")));
    }
}
