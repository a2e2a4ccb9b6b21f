package dev.jmpi.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** Jars for launcher tests that look into class path entries. */
final class TestJars {

    private TestJars() {}

    /** Writes (or rewrites) {@code dir/name}, a jar holding {@code entries}, one byte each. */
    static Path jar(Path dir, String name, String... entries) throws IOException {
        Path jar = dir.resolve(name);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (String entry : entries) {
                out.putNextEntry(new JarEntry(entry));
                out.write(1);
                out.closeEntry();
            }
        }
        return jar;
    }
}
