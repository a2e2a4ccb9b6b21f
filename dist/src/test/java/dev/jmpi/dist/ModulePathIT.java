package dev.jmpi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * jmpi-core of the unpacked distribution as a named module: it exports only the API
 * ({@code dev.jmpi}, {@code dev.jmpi.testing}), a modular application that reaches into
 * {@code dev.jmpi.core.internal} does not compile, and one that uses the API runs as 2 ranks
 * over the TCP mesh (relocated Netty inside the module) with everything on the module path.
 */
class ModulePathIT {

    private static final String VERSION = System.getProperty("jmpi.dist.version");
    private static final Path TARBALL = Path.of(System.getProperty("jmpi.dist.tarball"));
    private static final Path APPS = Path.of(System.getProperty("jmpi.it.apps"));

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void coreExportsOnlyTheApiAndRunsOnTheModulePath() throws Exception {
        Process tar = new ProcessBuilder("tar", "-xzf", TARBALL.toString())
                .directory(tmp.toFile())
                .inheritIO()
                .start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar -xzf " + TARBALL + " failed");
        Path lib = tmp.resolve("jmpi-" + VERSION + "/lib");
        Path core = lib.resolve("jmpi-core-" + VERSION + ".jar");

        ModuleDescriptor descriptor = ModuleFinder.of(core).findAll().stream()
                .map(ModuleReference::descriptor)
                .findFirst()
                .orElseThrow();
        assertEquals("dev.jmpi.core", descriptor.name());
        Set<String> everybody = descriptor.exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("dev.jmpi", "dev.jmpi.testing"), everybody, "exported to every module");

        String modulePath = core + File.pathSeparator + jar(lib, "slf4j-api-");
        String internal = compile(modulePath, "module-path-internal", "com.example.internal");
        assertTrue(
                internal.startsWith("exit 1:") && internal.contains("package dev.jmpi.core.internal is not visible"),
                internal);
        assertEquals("exit 0: ", compile(modulePath, "module-path", "com.example.app"));

        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String secret = Base64.getEncoder()
                .encodeToString("module-path-it-secret-of-32-bytes".getBytes(StandardCharsets.UTF_8));
        List<Process> ranks = new ArrayList<>();
        List<Path> outs = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            Path out = tmp.resolve("rank" + rank + ".txt");
            outs.add(out);
            ProcessBuilder pb = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-Xmx64m",
                            "--module-path",
                            modulePath + File.pathSeparator + tmp.resolve("module-path-classes"),
                            "-m",
                            "com.example.app/com.example.Main")
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("JMPI_"));
            pb.environment()
                    .putAll(Map.of(
                            "JMPI_RANK",
                            String.valueOf(rank),
                            "JMPI_SIZE",
                            "2",
                            "JMPI_JOB_ID",
                            "module-path-it",
                            "JMPI_RENDEZVOUS",
                            "127.0.0.1:" + port,
                            "JMPI_RENDEZVOUS_HOSTED_BY_RANK0",
                            "1",
                            "JMPI_SECRET",
                            secret,
                            "JMPI_BIND",
                            "127.0.0.1",
                            "JMPI_ADVERTISE",
                            "127.0.0.1"));
            ranks.add(pb.start());
        }
        String expected = "[rank 0 of module com.example.app calls module dev.jmpi.core, "
                + "rank 1 of module com.example.app calls module dev.jmpi.core]";
        for (int rank = 0; rank < 2; rank++) {
            Process p = ranks.get(rank);
            boolean exited = p.waitFor(240, TimeUnit.SECONDS);
            if (!exited) {
                ranks.forEach(Process::destroyForcibly);
            }
            String out = Files.readString(outs.get(rank), StandardCharsets.UTF_8);
            assertTrue(exited, "rank " + rank + " did not end within 240 s: " + out);
            assertEquals(0, p.exitValue(), "rank " + rank + " failed: " + out);
            assertTrue(out.contains("rank " + rank + " got " + expected), out);
        }
    }

    /** Compiles module {@code module} of src/it/{@code dir}; returns "exit N: " and javac's messages. */
    private String compile(String modulePath, String dir, String module) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int rc = javac.run(
                null,
                messages,
                messages,
                "--module-path",
                modulePath,
                "--module-source-path",
                APPS.resolve(dir).toString(),
                "-m",
                module,
                "-d",
                tmp.resolve(dir + "-classes").toString());
        return "exit " + rc + ": " + messages.toString(StandardCharsets.UTF_8);
    }

    private static Path jar(Path dir, String prefix) throws Exception {
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + prefix + "*.jar in " + dir));
        }
    }
}
