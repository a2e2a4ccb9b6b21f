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
                StaticArchiveDump.completeLines(bytes("java/lang/Object id: 0\npicocli/CommandLine\n@lambda-pro")));
        assertArrayEquals(bytes("a\n"), StaticArchiveDump.completeLines(bytes("a\n")));
        assertArrayEquals(new byte[0], StaticArchiveDump.completeLines(bytes("java/lang/Obj")));
    }

    @Test
    void theDumpGetsHeapAndCollectorOptionsButNoLoggingOrCdsOnes() {
        assertTrue(StaticArchiveDump.keptForDump("-XX:+UseSerialGC"));
        assertTrue(StaticArchiveDump.keptForDump("-Xmx128m"));
        assertTrue(StaticArchiveDump.keptForDump("-Xss512k"));
        assertTrue(StaticArchiveDump.keptForDump("-XX:TieredStopAtLevel=1"));
        assertFalse(StaticArchiveDump.keptForDump("-Xshare:auto"));
        assertFalse(StaticArchiveDump.keptForDump("-Xlog:class+load=info"));
        assertFalse(StaticArchiveDump.keptForDump("-XX:SharedArchiveFile=/c/jmpirun-1.jsa"));
        assertFalse(StaticArchiveDump.keptForDump("-XX:DumpLoadedClassList=/c/jmpirun-1.jsa.7.classlist"));
        assertFalse(StaticArchiveDump.keptForDump("-Dfoo=bar"));
    }
}
