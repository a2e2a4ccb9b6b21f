package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jmpi.transport.config.ConfigSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class MpiApiDetectorTest {

    private static final String OPEN_MPI = """
        import mpi.*;
        public class OpenMpiHello {
            public static void main(String[] args) throws MPIException {
                MPI.Init(args);
                System.out.println(MPI.COMM_WORLD.getRank() + " of " + MPI.COMM_WORLD.getSize());
                MPI.Finalize();
            }
        }
        """;

    private static final String MPI_JAVA = """
        import mpi.*;
        public class MpiJavaHello {
            public static void main(String[] args) {
                MPI.Init(args);
                System.out.println(MPI.COMM_WORLD.Rank() + " of " + MPI.COMM_WORLD.Size());
                MPI.Finalize();
            }
        }
        """;

    /** Uses only names both APIs share: no evidence either way. */
    private static final String SHARED_ONLY = """
        import mpi.*;
        public class Shared {
            public static void main(String[] args) {
                MPI.Init(args);
                MPI.Finalize();
            }
        }
        """;

    @TempDir
    Path tmp;

    private Path compiled(String name, String source, MpiApi api) throws IOException {
        Path out = Files.createDirectories(tmp.resolve(name));
        JavaPrograms.compileSource(name, source, api, out);
        Files.walk(out.resolve("src"))
                .sorted((a, b) -> b.compareTo(a))
                .forEach(p -> p.toFile().delete());
        return out;
    }

    /** A jar named {@code jarName} holding class {@code className} from the compiled classes in {@code dir}. */
    private Path jarOf(Path dir, String className, String jarName) throws IOException {
        Path jar = tmp.resolve(jarName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(className + ".class"));
            out.write(Files.readAllBytes(dir.resolve(className + ".class")));
            out.closeEntry();
        }
        return jar;
    }

    @Test
    void openMpiProgramIsRecognisedByItsLowerCaseMethodNames() throws IOException {
        assertEquals(
                MpiApi.OPENMPI,
                MpiApiDetector.scan(List.of(compiled("OpenMpiHello", OPEN_MPI, MpiApi.OPENMPI)))
                        .verdict());
    }

    @Test
    void mpiJavaProgramIsRecognisedByItsCapitalisedMethodNames() throws IOException {
        assertEquals(
                MpiApi.MPIJAVA,
                MpiApiDetector.scan(List.of(compiled("MpiJavaHello", MPI_JAVA, MpiApi.MPIJAVA)))
                        .verdict());
    }

    @Test
    void programUsingOnlySharedNamesGivesNoVerdict() throws IOException {
        assertNull(MpiApiDetector.scan(List.of(compiled("Shared", SHARED_ONLY, MpiApi.MPIJAVA)))
                .verdict());
    }

    @Test
    void scanFromTheMainClassFollowsItsReferencesAndIgnoresUnreachedClasses() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("app"));
        JavaPrograms.compileSource("Helper", """
            import mpi.*;
            public class Helper {
                static int rank() throws MPIException {
                    return MPI.COMM_WORLD.getRank();
                }
            }
            """, MpiApi.OPENMPI, dir);
        Path cp = Files.createDirectories(tmp.resolve("cp"));
        JavaPrograms.compileSource("Main", """
            public class Main {
                public static void main(String[] args) throws Exception {
                    System.out.println(Helper.rank());
                }
            }
            """, MpiApi.OPENMPI, dir);
        Files.copy(
                compiled("MpiJavaHello", MPI_JAVA, MpiApi.MPIJAVA).resolve("MpiJavaHello.class"),
                dir.resolve("MpiJavaHello.class"));
        assertEquals(
                MpiApi.OPENMPI,
                MpiApiDetector.scanFrom(List.of(cp, dir), "Main").verdict());
        assertEquals(
                MpiApi.MPIJAVA,
                MpiApiDetector.scanFrom(List.of(dir), "MpiJavaHello").verdict());
        assertNull(MpiApiDetector.scanFrom(List.of(dir), "NotThere"));
    }

    @Test
    void classesInsideJarsAreScannedToo() throws IOException {
        Path jar = jarOf(compiled("OpenMpiHello", OPEN_MPI, MpiApi.OPENMPI), "OpenMpiHello", "app.jar");
        assertEquals(
                MpiApi.OPENMPI,
                MpiApiDetector.scan(List.of(jar, tmp.resolve("missing.jar"))).verdict());
    }

    @Test
    void aFacadeItselfIsNoEvidence() {
        assertNull(MpiApiDetector.scan(List.of(JavaPrograms.facade(MpiApi.OPENMPI)))
                .verdict());
        assertNull(MpiApiDetector.scan(List.of(JavaPrograms.facade(MpiApi.MPIJAVA)))
                .verdict());
    }

    @Test
    void aClassDirectoryIsTakenForTheFacadeItsMpiClassesNameInExactCase() throws IOException {
        Path openMpi = Files.createDirectories(tmp.resolve("ompi-classes/mpi"));
        Files.write(openMpi.resolve("CartComm.class"), new byte[] {1});
        Path mpiJava = Files.createDirectories(tmp.resolve("mpijava-classes/mpi"));
        Files.write(mpiJava.resolve("Cartcomm.class"), new byte[] {1});
        Path other = Files.createDirectories(tmp.resolve("app-classes/com/example"));
        assertEquals(MpiApi.OPENMPI, RuntimeClasspath.facadeIn(openMpi.getParent()));
        assertEquals(MpiApi.MPIJAVA, RuntimeClasspath.facadeIn(mpiJava.getParent()));
        assertNull(RuntimeClasspath.facadeIn(other.getParent().getParent()));
        assertNull(RuntimeClasspath.facadeIn(tmp.resolve("missing.jar")));
    }

    @Test
    void rankClassPathKeepsOnlyTheChosenFacade() {
        String mpiJava = JavaPrograms.facade(MpiApi.MPIJAVA).toString();
        String openMpi = JavaPrograms.facade(MpiApi.OPENMPI).toString();
        String other = tmp.resolve("other.jar").toString();
        List<String> all = List.of(mpiJava, openMpi, other);
        assertEquals(List.of(openMpi, other), RuntimeClasspath.withFacade(all, MpiApi.OPENMPI));
        assertEquals(List.of(mpiJava, other), RuntimeClasspath.withFacade(all, MpiApi.MPIJAVA));
        assertEquals(List.of(other), RuntimeClasspath.withFacade(all, MpiApi.NONE));
    }

    @Test
    void jobGetsTheDetectedFacadeUnlessOneIsNamed() throws IOException {
        Path app = compiled("OpenMpiHello", OPEN_MPI, MpiApi.OPENMPI);
        assertEquals(MpiApi.OPENMPI, chosen("-cp", app.toString(), "OpenMpiHello"));
        assertEquals(MpiApi.MPIJAVA, chosen("--mpi-api", "MPIJava", "-cp", app.toString(), "OpenMpiHello"));
        assertEquals(MpiApi.NONE, chosen("--mpi-api=none", "-cp", app.toString(), "OpenMpiHello"));
        assertEquals(MpiApi.MPIJAVA, chosen("-cp", tmp.resolve("empty").toString(), "Main"));
    }

    @Test
    void aJarsVerdictIsKeptUntilTheJarChanges() throws IOException {
        Path jar = jarOf(compiled("MpiJavaHello", MPI_JAVA, MpiApi.MPIJAVA), "MpiJavaHello", "hello.jar");
        assertEquals(MpiApi.MPIJAVA, chosen("-cp", jar.toString(), "MpiJavaHello"));
        String key = ApiVerdictCache.key("MpiJavaHello", List.of(jar));
        ApiVerdictCache cache = new ApiVerdictCache(tmp.resolve("cds").resolve("api"));
        assertEquals(MpiApi.MPIJAVA, cache.get(key), "the first job keeps its verdict");

        // A kept verdict is used as it stands (this one is wrong on purpose, to see it used) ...
        cache.put(key, MpiApi.OPENMPI);
        assertEquals(MpiApi.OPENMPI, chosen("-cp", jar.toString(), "MpiJavaHello"));
        // ... until the jar changes: then the classes are read again.
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 2_000));
        assertEquals(MpiApi.MPIJAVA, chosen("-cp", jar.toString(), "MpiJavaHello"));
    }

    @Test
    void classesInADirectoryAreReadEveryTime() throws IOException {
        Path dir = compiled("MpiJavaHello", MPI_JAVA, MpiApi.MPIJAVA);
        assertNull(ApiVerdictCache.key("MpiJavaHello", List.of(dir)));
        assertEquals(MpiApi.MPIJAVA, chosen("-cp", dir.toString(), "MpiJavaHello"));
        assertFalse(Files.exists(tmp.resolve("cds").resolve("api")), "nothing kept for a directory");
    }

    @Test
    void theCacheKeepsTheMostRecentlyUsedVerdicts() throws IOException {
        ApiVerdictCache cache = new ApiVerdictCache(tmp.resolve("api"));
        for (int i = 0; i < ApiVerdictCache.MAX_ENTRIES; i++) {
            cache.put("k" + i, MpiApi.MPIJAVA);
            Files.setLastModifiedTime(tmp.resolve("api").resolve("k" + i), FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        assertEquals(MpiApi.MPIJAVA, cache.get("k0")); // used now: the newest
        cache.put("extra", MpiApi.OPENMPI);
        assertEquals(MpiApi.MPIJAVA, cache.get("k0"));
        assertNull(cache.get("k1"), "the least recently used verdict goes first");
        assertEquals(MpiApi.OPENMPI, cache.get("extra"));
        try (var files = Files.list(tmp.resolve("api"))) {
            assertEquals(ApiVerdictCache.MAX_ENTRIES, files.count());
        }
    }

    private MpiApi chosen(String... args) {
        JmpiRun run = new JmpiRun();
        JmpiRun.configure(new CommandLine(run)).parseArgs(args);
        RuntimeClasspath.forJob(run);
        try {
            return RuntimeClasspath.chosenApi(ConfigSource.of(
                    Map.of(LaunchSettings.CDS_DIR.env(), tmp.resolve("cds").toString()), Map.of()));
        } finally {
            RuntimeClasspath.forJob(null);
        }
    }
}
