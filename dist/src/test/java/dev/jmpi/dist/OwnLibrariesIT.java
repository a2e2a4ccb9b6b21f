package dev.jmpi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's application that bundles its own Netty 4.1, protobuf-java 3 and SLF4J 1.7 with
 * slf4j-nop (versions jmpi does not use) runs under the unpacked distribution's jmpirun, and
 * every rank sees the application's versions, not jmpi's Netty 4.2 and Protobuf 4, while
 * exchanging a protobuf-java 3 message and Netty-made bytes through jmpi. The application is
 * src/it/own-libraries/OwnLibraries.java, compiled here against lib/jmpi-core and the
 * libraries the build copied to target/it-lib, and packed into one fat jar with them.
 */
class OwnLibrariesIT {

    private static final String VERSION = System.getProperty("jmpi.dist.version");
    private static final Path TARBALL = Path.of(System.getProperty("jmpi.dist.tarball"));
    private static final Path IT_LIB = Path.of(System.getProperty("jmpi.it.lib"));
    private static final Path APPS = Path.of(System.getProperty("jmpi.it.apps"));
    private static final String NETTY = System.getProperty("jmpi.it.netty.version");
    private static final int RANKS = 3;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void anApplicationsOwnNettyProtobufAndSlf4jWinOnEveryRank() throws Exception {
        assertTrue(Files.isRegularFile(TARBALL), "no distribution at " + TARBALL + " (mvn package builds it)");
        Run tar = run(tmp, List.of("tar", "-xzf", TARBALL.toString()), 60);
        assertEquals(0, tar.exitCode, "tar -xzf failed: " + tar);
        Path home = tmp.resolve("jmpi-" + VERSION);
        Path appJar = fatJar(compile(home.resolve("lib/jmpi-core-" + VERSION + ".jar")));

        Run job = run(
                tmp,
                List.of(
                        home.resolve("bin/jmpirun").toString(),
                        "-n",
                        String.valueOf(RANKS),
                        "--jvm-opt=-XX:TieredStopAtLevel=1",
                        "--jvm-opt=-XX:+UseSerialGC",
                        "--jvm-opt=-Xmx64m",
                        "-jar",
                        appJar.toString()),
                300);

        assertEquals(0, job.exitCode, "the job failed: " + job);
        List<String> got = new ArrayList<>();
        for (int r = 0; r < RANKS; r++) {
            got.add("protobuf 3 message of rank " + r + "|netty bytes of rank " + r);
        }
        for (int rank = 0; rank < RANKS; rank++) {
            String line = lineOf(job.out, "rank " + rank + " ");
            assertTrue(line.contains(" netty-common=" + NETTY + " netty-buffer=" + NETTY + " "), line + "\n" + job);
            assertTrue(
                    line.contains(" netty4.2=false protobuf4=false "),
                    "jmpi's Netty 4.2 or Protobuf 4 is visible: " + line);
            assertTrue(line.contains(" v3=com.google.protobuf.GeneratedMessageV3 "), line);
            assertTrue(line.contains(" slf4j=org.slf4j.helpers.NOPLoggerFactory "), line);
            assertTrue(line.endsWith(" got=" + got), line);
        }
        assertFalse(job.err.contains("SLF4J"), "no SLF4J warning (multiple providers, ignored binding): " + job);
        assertFalse(job.err.contains("slf4j-nop prints nothing"), job.toString());
    }

    /** Compiles OwnLibraries.java against jmpi-core and the application's libraries; returns the classes directory. */
    private Path compile(Path jmpiCore) throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<String> cp = new ArrayList<>();
        cp.add(jmpiCore.toString());
        for (Path lib : libraries()) {
            cp.add(lib.toString());
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int rc = javac.run(
                null,
                errors,
                errors,
                "--release",
                "17",
                "-d",
                classes.toString(),
                "-cp",
                String.join(java.io.File.pathSeparator, cp),
                APPS.resolve("own-libraries/OwnLibraries.java").toString());
        assertEquals(0, rc, "javac failed: " + errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    /** One jar: the application's classes and its libraries' entries, Netty's version files appended. */
    private Path fatJar(Path classes) throws IOException {
        Map<String, ByteArrayOutputStream> entries = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                put(entries, classes.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
            }
        }
        for (Path lib : libraries()) {
            try (ZipFile zip = new ZipFile(lib.toFile())) {
                for (ZipEntry e : zip.stream().filter(e -> !e.isDirectory()).toList()) {
                    String name = e.getName();
                    if (name.equals("META-INF/MANIFEST.MF") || name.matches("META-INF/[^/]+\\.(SF|RSA|DSA)")) {
                        continue;
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        put(entries, name, in.readAllBytes());
                    }
                }
            }
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "OwnLibraries");
        Path jar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Map.Entry<String, ByteArrayOutputStream> e : entries.entrySet()) {
                out.putNextEntry(new JarEntry(e.getKey()));
                e.getValue().writeTo(out);
                out.closeEntry();
            }
        }
        return jar;
    }

    private static void put(Map<String, ByteArrayOutputStream> entries, String name, byte[] bytes) throws IOException {
        ByteArrayOutputStream existing = entries.get(name);
        if (existing == null) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            content.write(bytes);
            entries.put(name, content);
        } else if (name.equals("META-INF/io.netty.versions.properties")) {
            existing.write('\n');
            existing.write(bytes); // what a fat-jar build's appending transformer does
        }
    }

    private static List<Path> libraries() throws IOException {
        try (Stream<Path> jars = Files.list(IT_LIB)) {
            List<Path> libs =
                    jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
            assertEquals(
                    5,
                    libs.size(),
                    "expected Netty 4.1 common and buffer, protobuf-java 3, slf4j-api and slf4j-nop " + "1.7 in "
                            + IT_LIB + ": " + libs);
            return libs;
        }
    }

    private static String lineOf(String out, String prefix) {
        return out.lines()
                .filter(l -> l.contains(prefix) && l.contains(" netty-common="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line of " + prefix.trim() + " in:\n" + out))
                .trim();
    }

    /** Runs {@code command} in {@code dir}, waiting for it to exit, killing it and its children after {@code timeoutSeconds}. */
    private Run run(Path dir, List<String> command, long timeoutSeconds) throws Exception {
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("JMPI_"));
        pb.environment().put("JMPI_CDS_DIR", tmp.resolve("cds").toString());
        Process p = pb.start();
        boolean exited = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!exited) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        String stderr = Files.readString(err, StandardCharsets.UTF_8)
                + (exited ? "" : "\n(killed after " + timeoutSeconds + " s)");
        return new Run(exited ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8), stderr);
    }

    /** What a command printed and returned. */
    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
