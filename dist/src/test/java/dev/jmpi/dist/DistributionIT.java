package dev.jmpi.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The binary distribution as a user gets it: jmpi-&lt;version&gt;.tar.gz unpacked with tar into a
 * directory outside the checkout, and a job run from there through a symlink to its jmpirun.
 */
class DistributionIT {

    private static final String VERSION = System.getProperty("jmpi.dist.version");
    private static final Path TARBALL = Path.of(System.getProperty("jmpi.dist.tarball"));
    private static final Path REPO_ROOT =
            Path.of(System.getProperty("jmpi.repo.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path outside;

    private static Path home;

    @BeforeAll
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    static void unpack() throws Exception {
        assertTrue(Files.isRegularFile(TARBALL), "no distribution at " + TARBALL + " (mvn package builds it)");
        assertFalse(
                outside.toRealPath().startsWith(REPO_ROOT.toRealPath()),
                "the temporary directory " + outside + " must lie outside the checkout " + REPO_ROOT);
        Run tar = run(outside, List.of("tar", "-xzf", TARBALL.toString()), Map.of(), 60);
        assertEquals(0, tar.exitCode, "tar -xzf failed: " + tar);
        home = outside.resolve("jmpi-" + VERSION);
        assertTrue(Files.isDirectory(home), "the tarball must unpack to jmpi-" + VERSION + "/");
    }

    @Test
    void tarballHoldsTheLauncherTheRuntimeTheExamplesAndTheLicense() {
        assertTrue(Files.isExecutable(home.resolve("bin/jmpirun")), "bin/jmpirun must be executable");
        for (String jarPath : List.of("lib/launcher/jmpi-launcher", "lib/jmpi-core", "lib/jmpi-mpijava")) {
            Path jar = home.resolve(jarPath + "-" + VERSION + ".jar");
            assertTrue(Files.isRegularFile(jar), "missing " + home.relativize(jar));
        }
        for (String file :
                List.of("examples/jmpi-examples.jar", "LICENSE", "NOTICE", "README.md", "docs/architecture.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), "missing " + file);
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void unpackedDistributionRunsAUsersJarThroughASymlinkedJmpirun() throws Exception {
        // A user's own bin directory with a link to the installation's jmpirun, and a working
        // directory that is neither the installation nor the checkout.
        Path userBin = Files.createDirectories(outside.resolve("user/bin"));
        Path link = Files.createSymbolicLink(userBin.resolve("jmpirun"), home.resolve("bin/jmpirun"));
        Path work = Files.createDirectories(outside.resolve("user/work"));
        Path userJar = Files.copy(home.resolve("examples/jmpi-examples.jar"), work.resolve("app.jar"));

        Run job = run(
                work,
                List.of(
                        link.toString(),
                        "-n",
                        "3",
                        "--jvm-opt=-XX:TieredStopAtLevel=1",
                        "--jvm-opt=-XX:+UseSerialGC",
                        "--jvm-opt=-Xmx64m",
                        "-cp",
                        "app.jar",
                        "dev.jmpi.examples.reduction.Reduction"),
                Map.of("JMPI_CDS_DIR", outside.resolve("cds").toString()),
                240);

        assertEquals(0, job.exitCode, "the job failed: " + job);
        // Rank r contributes (r + 1) * [0..9]; 1 + 2 + 3 = 6.
        assertTrue(
                job.out.contains("on task 0 after Reduce: data = [0, 6, 12, 18, 24, 30, 36, 42, 48, 54]"),
                "rank 0 did not print the sum of 3 ranks: " + job);
        for (int rank = 0; rank < 3; rank++) {
            assertTrue(
                    job.out.contains("on task " + rank + " before Reduce"),
                    "rank " + rank + " printed nothing: " + job);
        }
        assertFalse(job.err.contains("building the launcher"), "an installation must never build: " + job);
    }

    @Test
    void everyJmpiJarNamesItsAutomaticModule() throws IOException {
        List<Path> jars = jmpiJars();
        assertTrue(jars.size() >= 6, "expected jmpi's six jars, found " + jars);
        for (Path jar : jars) {
            String artifact = jar.getFileName()
                    .toString()
                    .replaceFirst("^jmpi-", "")
                    .replaceFirst("(-" + VERSION + ")?\\.jar$", "");
            try (JarFile file = new JarFile(jar.toFile())) {
                String name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                assertEquals("dev.jmpi." + artifact, name, "Automatic-Module-Name of " + home.relativize(jar));
            }
        }
    }

    @Test
    void bomListsEveryJmpiJarOfTheDistributionAtTheProjectVersion() throws Exception {
        Document bom = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(REPO_ROOT.resolve("bom/pom.xml").toFile());
        Element project = bom.getDocumentElement();
        assertEquals(VERSION, childText(project, "version"), "jmpi-bom's version must be the project's");
        TreeSet<String> listed = new TreeSet<>();
        NodeList deps = project.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            assertEquals("dev.jmpi", childText(dep, "groupId"));
            assertEquals("${project.version}", childText(dep, "version"));
            listed.add(childText(dep, "artifactId"));
        }
        TreeSet<String> shipped = new TreeSet<>();
        for (Path jar : jmpiJars()) {
            shipped.add(jar.getFileName().toString().replaceFirst("(-" + VERSION + ")?\\.jar$", ""));
        }
        assertEquals(shipped, listed, "jmpi-bom must list exactly the jmpi jars the distribution ships");
    }

    private static List<Path> jmpiJars() throws IOException {
        List<Path> jars = new ArrayList<>();
        for (String dir : List.of("lib", "lib/launcher")) {
            try (Stream<Path> lib = Files.list(home.resolve(dir))) {
                lib.filter(p -> p.getFileName().toString().startsWith("jmpi-"))
                        .sorted()
                        .forEach(jars::add);
            }
        }
        try (Stream<Path> testLib = Files.list(home.resolve("test-lib"))) {
            testLib.sorted().forEach(jars::add);
        }
        jars.add(home.resolve("examples/jmpi-examples.jar"));
        return jars;
    }

    @Test
    void ranksRuntimeHoldsNoNettyProtobufOrLoggingBackendAndTheLauncherKeepsItsOwn() throws IOException {
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<String> names = lib.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
            assertTrue(names.contains("jmpi-core-" + VERSION + ".jar"), "lib/ lacks jmpi-core: " + names);
            for (String launcherOnlyOrRelocated : List.of(
                    "netty-",
                    "protobuf-",
                    "jmpi-transport-",
                    "jmpi-proto-",
                    "slf4j-simple-",
                    "picocli-",
                    "jmpi-launcher-")) {
                assertTrue(
                        names.stream().noneMatch(n -> n.startsWith(launcherOnlyOrRelocated)),
                        "lib/ (every rank's runtime) must hold no " + launcherOnlyOrRelocated + "*: " + names);
            }
        }
        try (Stream<Path> launcher = Files.list(home.resolve("lib/launcher"))) {
            List<String> names = launcher.map(p -> p.getFileName().toString()).toList();
            for (String prefix : List.of("jmpi-launcher-", "picocli-", "slf4j-simple-")) {
                assertTrue(
                        names.stream().anyMatch(n -> n.startsWith(prefix)),
                        "lib/launcher/ lacks " + prefix + "*: " + names);
            }
        }
    }

    @Test
    void publishedCorePomBringsNoNettyOrProtobuf() throws Exception {
        // What `mvn install`/`deploy` publish as jmpi-core's POM: the shade plugin's reduced one.
        Path pom = REPO_ROOT.resolve("core/target/dependency-reduced-pom.xml");
        assertTrue(Files.isRegularFile(pom), "no " + pom + " (core's package makes it)");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        NodeList deps = doc.getElementsByTagName("dependency");
        List<String> compileOrRuntime = new ArrayList<>();
        for (int i = 0; i < deps.getLength(); i++) {
            Element dep = (Element) deps.item(i);
            String scope = childText(dep, "scope");
            if (dep.getParentNode().getParentNode() == doc.getDocumentElement() && !"test".equals(scope)) {
                compileOrRuntime.add(childText(dep, "groupId") + ":" + childText(dep, "artifactId"));
            }
        }
        // slf4j-api, and JSpecify's annotations (@NullMarked, @Nullable: no code) for users' nullness checkers.
        assertEquals(
                List.of("org.slf4j:slf4j-api", "org.jspecify:jspecify"),
                compileOrRuntime,
                "jmpi-core's published dependencies");
    }

    @Test
    void testLibrariesStayOffTheRanksClassPath() throws IOException {
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            List<String> names = lib.map(p -> p.getFileName().toString()).toList();
            assertTrue(
                    names.stream()
                            .noneMatch(n -> n.startsWith("junit-")
                                    || n.startsWith("jmpi-junit")
                                    || n.startsWith("testcontainers")
                                    || n.startsWith("jmpi-testcontainers")),
                    "lib/ holds " + names);
        }
        assertTrue(
                Files.isRegularFile(home.resolve("test-lib/jmpi-junit-" + VERSION + ".jar")),
                "test-lib/ lacks jmpi-junit");
    }

    private static String childText(Element parent, String tag) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** Runs {@code command} in {@code dir} with output to files, killing it and its children after {@code timeoutSeconds}. */
    private static Run run(Path dir, List<String> command, Map<String, String> extraEnv, long timeoutSeconds)
            throws Exception {
        Path out = Files.createTempFile(outside, "out", ".txt");
        Path err = Files.createTempFile(outside, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        // Nothing of a surrounding job, nor a JMPI_HOME of somebody else's installation.
        pb.environment().keySet().removeIf(k -> k.startsWith("JMPI_"));
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            return new Run(
                    -1,
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8) + "\n(killed after " + timeoutSeconds + " s)");
        }
        return new Run(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static java.io.File nullFile() {
        return new java.io.File("/dev/null");
    }

    /** What a command printed and returned. */
    private record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit=" + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
        }
    }
}
