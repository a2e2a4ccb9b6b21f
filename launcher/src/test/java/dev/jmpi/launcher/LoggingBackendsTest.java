package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoggingBackendsTest {

    @TempDir
    Path tmp;

    private Path jar(String name, String entry) throws IOException {
        Path jar = tmp.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(1);
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void jmpisProviderLeavesTheRanksWhenTheApplicationBringsOne() throws IOException {
        Path ours = jar("slf4j-simple.jar", LoggingBackends.PROVIDER_SERVICE);
        Path api = jar("slf4j-api.jar", "org/slf4j/LoggerFactory.class");
        Path theirs = jar("logback-classic.jar", LoggingBackends.PROVIDER_SERVICE);
        Path plain = jar("app.jar", "com/example/Main.class");
        List<String> runtime = List.of(api.toString(), ours.toString());
        assertEquals(List.of(api.toString()), LoggingBackends.forApplication(runtime, List.of(plain, theirs)));
        assertEquals(runtime, LoggingBackends.forApplication(runtime, List.of(plain)));
    }

    @Test
    void slf4jOneBindingsAndDirectoriesCount() throws IOException {
        assertTrue(LoggingBackends.holdsProvider(jar("old-binding.jar", LoggingBackends.LEGACY_BINDER)));
        Path dir = Files.createDirectories(tmp.resolve("classes/META-INF/services"));
        Files.writeString(dir.resolve("org.slf4j.spi.SLF4JServiceProvider"), "com.example.Provider\n");
        assertTrue(LoggingBackends.holdsProvider(tmp.resolve("classes")));
        assertFalse(LoggingBackends.holdsProvider(tmp.resolve("missing.jar")));
        assertFalse(LoggingBackends.holdsProvider(jar("app.jar", "com/example/Main.class")));
    }
}
