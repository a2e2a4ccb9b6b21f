package dev.jmpi.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The parts of {@link LauncherArchive} that need no JVM of their own (LauncherArchiveIT runs the rest). */
class LauncherArchiveTest {

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aClassListStillBeingWrittenIsCutAfterItsLastCompleteLine() {
        assertArrayEquals(
                bytes("java/lang/Object id: 0\npicocli/CommandLine\n"),
                LauncherArchive.completeLines(bytes("java/lang/Object id: 0\npicocli/CommandLine\n@lambda-pro")));
        assertArrayEquals(bytes("a\n"), LauncherArchive.completeLines(bytes("a\n")));
        assertArrayEquals(new byte[0], LauncherArchive.completeLines(bytes("java/lang/Obj")));
    }

    @Test
    void theDumpGetsHeapAndCollectorOptionsButNoLoggingOrCdsOnes() {
        assertTrue(LauncherArchive.keptForDump("-XX:+UseSerialGC"));
        assertTrue(LauncherArchive.keptForDump("-Xmx128m"));
        assertTrue(LauncherArchive.keptForDump("-Xss512k"));
        assertTrue(LauncherArchive.keptForDump("-XX:TieredStopAtLevel=1"));
        assertFalse(LauncherArchive.keptForDump("-Xshare:auto"));
        assertFalse(LauncherArchive.keptForDump("-Xlog:class+load=info"));
        assertFalse(LauncherArchive.keptForDump("-XX:SharedArchiveFile=/c/jmpirun-1.jsa"));
        assertFalse(LauncherArchive.keptForDump("-XX:DumpLoadedClassList=/c/jmpirun-1.jsa.7.classlist"));
        assertFalse(LauncherArchive.keptForDump("-Dfoo=bar"));
    }
}
