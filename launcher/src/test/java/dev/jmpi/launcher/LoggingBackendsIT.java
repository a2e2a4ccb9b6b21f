package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An application that brings its own SLF4J provider (slf4j-nop, copied to target/it-lib by
 * the build) gets that one on every rank, with no "multiple SLF4J providers" warning; one
 * without gets none of jmpi's (the launcher's slf4j-simple stays in the launcher). Either way
 * a rank never starts {@code java.util.logging} (see {@code NettyLogging}).
 */
@Timeout(180)
class LoggingBackendsIT {

    private static Path nopJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target", "it-lib"))) {
            return jars.filter(p -> p.getFileName().toString().startsWith("slf4j-nop-"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no slf4j-nop jar in target/it-lib"))
                    .toAbsolutePath();
        }
    }

    private static List<String> factories(Jmpirun.Result r) {
        return r.outLines().stream()
                .filter(l -> l.contains(" factory="))
                .map(l -> l.substring(l.indexOf('=') + 1))
                .toList();
    }

    @Test
    void theApplicationsOwnProviderWinsOnEveryRank() throws IOException {
        Jmpirun.Result r =
                Jmpirun.run(Jmpirun.lean("-n", "2", "-cp", nopJar().toString(), Jmpirun.APPS + "WhichLogger"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(
                List.of("org.slf4j.helpers.NOPLoggerFactory", "org.slf4j.helpers.NOPLoggerFactory"),
                factories(r),
                r.toString());
        assertFalse(r.err().contains("multiple SLF4J providers"), r.toString());
        assertFalse(r.err().contains("a warning from the application"), "slf4j-nop prints nothing: " + r);
    }

    @Test
    void withoutOneTheRanksGetNoBackendOfJmpisAndNoNoticeAboutIt() {
        Jmpirun.Result r = Jmpirun.run(Jmpirun.lean("-n", "1", Jmpirun.APPS + "WhichLogger"));
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals(List.of("org.slf4j.helpers.NOPLoggerFactory"), factories(r), r.toString());
        assertFalse(r.err().contains("a warning from the application"), r.toString());
        assertFalse(r.err().contains("SLF4J"), "SLF4J's no-provider notice is kept quiet: " + r);
    }

    @Test
    void ranksThatTalkNeverStartJavaUtilLogging() {
        Jmpirun.Result r = Jmpirun.run(
                Jmpirun.lean("-n", "2", "--jvm-opt=-Xlog:class+load=info:stdout", Jmpirun.APPS + "RingAllreduce"));
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("rank 1 of 2: left=0 sum=1"), r.toString());
        // The log is on: the mesh's classes show, so a missing LogManager line means something.
        assertTrue(r.out().contains("dev.jmpi.transport.NettyMesh "), "no class loading log: " + r);
        List<String> logging = r.outLines().stream()
                .filter(l -> l.contains("java.util.logging.") || l.contains("JdkLoggerFactory"))
                .limit(3)
                .toList();
        assertEquals(List.of(), logging, "a rank loaded java.util.logging (~50 ms of CPU at start)");
    }
}
